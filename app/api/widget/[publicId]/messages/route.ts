// GET|POST /api/widget/:publicId/messages — the visitor's own thread (?after= for new ones); send a message
import { getDb } from "@/db/client";
import { publicRoute } from "@/lib/api/route";
import { parseInput } from "@/lib/auth/actions";
import { listVisitorMessages } from "@/lib/channels/widget/list-visitor-messages";
import { postVisitorMessage } from "@/lib/channels/widget/post-visitor-message";
import { afterSchema } from "@/lib/channels/widget/schemas";
import {
  authenticateVisitor,
  readJsonBody,
  widgetResponse,
} from "@/lib/channels/widget/widget-request";
import { requestIp } from "@/lib/request-ip";

type Context = { params: Promise<{ publicId: string }> };
const list = "GET /api/widget/:publicId/messages";
const send = "POST /api/widget/:publicId/messages";

export const GET = publicRoute({ name: list }, async (request: Request, { params }: Context) =>
  widgetResponse(list, async () => {
    const db = await getDb();
    const { publicId } = await params;
    const { workspace, visitorId } = await authenticateVisitor(db, { request, publicId });
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const { after } = parseInput(afterSchema, query);
    return listVisitorMessages(db, {
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      visitorId,
      after: after ? new Date(after) : null,
    });
  }),
);

export const POST = publicRoute({ name: send }, async (request: Request, { params }: Context) =>
  widgetResponse(
    send,
    async () => {
      const db = await getDb();
      const { publicId } = await params;
      const visitor = await authenticateVisitor(db, { request, publicId });
      const message = await postVisitorMessage(db, {
        ...visitor,
        ip: requestIp(request),
        input: await readJsonBody(request),
      });
      return { message };
    },
    { status: 201 },
  ),
);
