// GET /api/workspaces/:workspace/conversations/:conversationId — thread, contact, owners, history
import { workspaceRoute } from "@/lib/api/route";
import { parseInput } from "@/lib/auth/actions";
import { getConversation } from "@/lib/conversations/get-conversation";
import { conversationIdSchema } from "@/lib/conversations/schemas";
import { viewerFor } from "@/lib/conversations/viewer";

export const GET = workspaceRoute<{ conversationId: string }>(
  { name: "GET /api/workspaces/:workspace/conversations/:id", permission: "conversations.view" },
  async (_request, context) => {
    const { conversationId } = parseInput(conversationIdSchema, context.params);
    const viewer = await viewerFor(context);
    const detail = await getConversation(context.db, viewer, conversationId);
    return {
      ...detail,
      viewer: { memberId: viewer.member?.id ?? null, canReply: viewer.canReply },
    };
  },
);
