// POST /api/widget/:publicId/session — open the web chat: a visitor token (kept when still valid), greeting and thread
import { getDb } from "@/db/client";
import { publicRoute } from "@/lib/api/route";
import { parseInput } from "@/lib/auth/actions";
import { sessionRequestSchema } from "@/lib/channels/widget/schemas";
import { startWidgetSession } from "@/lib/channels/widget/start-widget-session";
import { readJsonBody, widgetResponse } from "@/lib/channels/widget/widget-request";
import { requestIp } from "@/lib/request-ip";

type Context = { params: Promise<{ publicId: string }> };
const name = "POST /api/widget/:publicId/session";

export const POST = publicRoute({ name }, async (request: Request, { params }: Context) =>
  widgetResponse(name, async () => {
    const { publicId } = await params;
    const { token } = parseInput(sessionRequestSchema, await readJsonBody(request));
    return startWidgetSession(await getDb(), { publicId, token, ip: requestIp(request) });
  }),
);
