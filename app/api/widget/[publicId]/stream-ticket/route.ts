// POST /api/widget/:publicId/stream-ticket — a short-lived ticket that opens the visitor's live stream
import { getDb } from "@/db/client";
import { publicRoute } from "@/lib/api/route";
import { signStreamTicket } from "@/lib/channels/widget/stream-ticket";
import { authenticateVisitor, widgetResponse } from "@/lib/channels/widget/widget-request";

type Context = { params: Promise<{ publicId: string }> };
const name = "POST /api/widget/:publicId/stream-ticket";

export const POST = publicRoute({ name }, async (request: Request, { params }: Context) =>
  widgetResponse(name, async () => {
    const { publicId } = await params;
    const { workspace, visitorId } = await authenticateVisitor(await getDb(), {
      request,
      publicId,
    });
    const { ticket, expiresAt } = signStreamTicket({ visitorId, publicId: workspace.publicId });
    return { ticket, expiresAt: expiresAt.toISOString() };
  }),
);
