// GET /api/v1/conversations/:id/assignment — who owns the conversation, and why routing chose them
// POST /api/v1/conversations/:id/assignment — assign a conversation (member or team) or unassign it
import { apiKeyRoute } from "@/lib/api/api-key-route";
import { getApiAssignment, setApiAssignment } from "@/lib/api/v1/conversation-assignment";
import { parseConversationId } from "@/lib/api/v1/parse-conversation-id";
import { readJsonBody } from "@/lib/api/v1/read-json-body";

export const GET = apiKeyRoute<{ id: string }>(
  { name: "GET /api/v1/conversations/:id/assignment" },
  async (_request, context) => {
    const conversationId = parseConversationId(context.params.id);
    return getApiAssignment(context.db, { viewer: context.viewer, conversationId });
  },
);

export const POST = apiKeyRoute<{ id: string }>(
  { name: "POST /api/v1/conversations/:id/assignment" },
  async (request, context) => {
    const conversationId = parseConversationId(context.params.id);
    return setApiAssignment(context.db, {
      viewer: context.viewer,
      conversationId,
      readBody: () => readJsonBody(request),
    });
  },
);
