// GET /api/workspaces/:workspace/conversations/:conversationId — thread, contact, owners, history
import { workspaceRoute } from "@/lib/api/route";
import { parseInput } from "@/lib/auth/actions";
import { can } from "@/lib/auth/permissions";
import { getConversation } from "@/lib/conversations/get-conversation";
import { explainOwnership } from "@/lib/conversations/routing-why";
import { conversationIdSchema } from "@/lib/conversations/schemas";
import { viewerFor } from "@/lib/conversations/viewer";

export const GET = workspaceRoute<{ conversationId: string }>(
  { name: "GET /api/workspaces/:workspace/conversations/:id", permission: "conversations.view" },
  async (_request, context) => {
    const { conversationId } = parseInput(conversationIdSchema, context.params);
    const viewer = await viewerFor(context);
    const detail = await getConversation(context.db, viewer, conversationId);
    const { role } = context.member;
    return {
      ...detail,
      why: explainOwnership({
        workspace: context.workspace,
        conversation: detail.conversation,
        events: detail.events,
      }),
      viewer: {
        memberId: viewer.member?.id ?? null,
        canReply: viewer.canReply,
        // What the assignment controls offer; the assignment module decides each request.
        assign: can(role, "conversations.assign.any")
          ? ("any" as const)
          : can(role, "conversations.claim")
            ? ("own" as const)
            : null,
      },
    };
  },
);
