// GET /api/workspaces/:workspace/realtime — the member's live updates (built-in driver, Server-Sent Events)
import { workspaceRoute } from "@/lib/api/route";
import { notFound } from "@/lib/errors";
import { loadSubscriber } from "@/lib/realtime/audience";
import { eventStream } from "@/lib/realtime/event-stream";
import { lastEventIdOf } from "@/lib/realtime/last-event-id";

export const dynamic = "force-dynamic";

export const GET = workspaceRoute(
  { name: "GET /api/workspaces/:workspace/realtime", permission: "workspace.view" },
  async (request, context) => {
    const subscriber = await loadSubscriber(context.db, context.member.id);
    if (!subscriber) throw notFound("That workspace");
    return eventStream(context.db, {
      audience: { kind: "member", subscriber },
      lastEventId: lastEventIdOf(request),
      signal: request.signal,
    });
  },
);
