// GET|POST /api/workspaces/:workspace/realtime — the member's live updates (built-in driver, Server-Sent Events); a tab's heartbeat (Pusher driver)
import { workspaceRoute } from "@/lib/api/route";
import { notFound } from "@/lib/errors";
import { loadSubscriber } from "@/lib/realtime/audience";
import { eventStream } from "@/lib/realtime/event-stream";
import { lastEventIdOf } from "@/lib/realtime/last-event-id";
import { markLive } from "@/lib/realtime/mark-live";

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

/** With Pusher there is no stream to notice open tabs: each tab says so every 30 s (auto-away). */
export const POST = workspaceRoute(
  { name: "POST /api/workspaces/:workspace/realtime", permission: "workspace.view" },
  async (_request, context) => {
    await markLive(context.db, context.member.id);
    return { ok: true };
  },
);
