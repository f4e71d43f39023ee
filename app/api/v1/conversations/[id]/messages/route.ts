// POST /api/v1/conversations/:id/messages — the conversation's customer writes again
import { apiKeyRoute } from "@/lib/api/api-key-route";
import { parseConversationId } from "@/lib/api/v1/parse-conversation-id";
import { postInboundMessage } from "@/lib/api/v1/post-inbound-message";
import { readJsonBody } from "@/lib/api/v1/read-json-body";
import { idempotencyKeyOf, postMessageSchema, replayHeaders } from "@/lib/api/v1/schemas";
import { parseInput } from "@/lib/auth/actions";

export const POST = apiKeyRoute<{ id: string }>(
  { name: "POST /api/v1/conversations/:id/messages" },
  async (request, context) => {
    const conversationId = parseConversationId(context.params.id);
    const idempotencyKey = idempotencyKeyOf(request);
    const { body } = parseInput(postMessageSchema, await readJsonBody(request));
    const { posted, replayed } = await postInboundMessage(context.db, {
      viewer: context.viewer,
      conversationId,
      body,
      idempotencyKey,
    });
    return Response.json(posted, { status: 201, headers: replayHeaders(replayed) });
  },
);
