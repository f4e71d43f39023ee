// GET /api/widget/:publicId/events?token= — the visitor's live replies (built-in driver, Server-Sent Events)
import { getDb } from "@/db/client";
import { jsonError, publicRoute } from "@/lib/api/route";
import { authenticateVisitorToken } from "@/lib/channels/widget/widget-request";
import { eventStream } from "@/lib/realtime/event-stream";
import { lastEventIdOf } from "@/lib/realtime/last-event-id";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ publicId: string }> };
const name = "GET /api/widget/:publicId/events";

export const GET = publicRoute({ name }, async (request: Request, { params }: Context) => {
  try {
    const db = await getDb();
    const { publicId } = await params;
    const token = new URL(request.url).searchParams.get("token");
    const { workspace, visitorId } = await authenticateVisitorToken(db, { token, publicId });
    return eventStream(db, {
      audience: { kind: "visitor", workspaceId: workspace.id, visitorId },
      lastEventId: lastEventIdOf(request),
      signal: request.signal,
    });
  } catch (error) {
    return jsonError(error, name);
  }
});
