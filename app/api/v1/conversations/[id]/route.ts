// GET /api/v1/conversations/:id — a conversation with its contact, owners and thread
import { apiKeyRoute } from "@/lib/api/api-key-route";
import { parseConversationId } from "@/lib/api/v1/parse-conversation-id";
import { toApiConversation } from "@/lib/api/v1/to-api-conversation";
import { getConversation } from "@/lib/conversations/get-conversation";

export const GET = apiKeyRoute<{ id: string }>(
  { name: "GET /api/v1/conversations/:id" },
  async (_request, context) => {
    const conversationId = parseConversationId(context.params.id);
    return toApiConversation(await getConversation(context.db, context.viewer, conversationId));
  },
);
