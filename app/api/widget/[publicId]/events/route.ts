// GET /api/widget/:publicId/events?ticket= — the visitor's live replies (built-in driver, Server-Sent Events)
import { getDb } from "@/db/client";
import { jsonError, publicRoute } from "@/lib/api/route";
import { authenticateStreamTicket } from "@/lib/channels/widget/widget-request";
import { eventStream } from "@/lib/realtime/event-stream";
import { lastEventIdOf } from "@/lib/realtime/last-event-id";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ publicId: string }> };
const name = "GET /api/widget/:publicId/events";

export const GET = publicRoute({ name }, async (request: Request, { params }: Context) => {
  try {
    const db = await getDb();
    const { publicId } = await params;
    // A ticket from POST …/stream-ticket, never the visitor token: URLs are logged.
    const ticket = new URL(request.url).searchParams.get("ticket");
    const { workspace, visitorId } = await authenticateStreamTicket(db, { ticket, publicId });
    return eventStream(db, {
      audience: { kind: "visitor", workspaceId: workspace.id, visitorId },
      lastEventId: lastEventIdOf(request),
      signal: request.signal,
    });
  } catch (error) {
    return jsonError(error, name);
  }
});
