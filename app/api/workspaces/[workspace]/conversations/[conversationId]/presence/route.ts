// POST /api/workspaces/:workspace/conversations/:conversationId/presence — "I am viewing / typing in this conversation"

import { workspaceRoute } from "@/lib/api/route";
import { parseInput } from "@/lib/auth/actions";
import { conversationIdSchema } from "@/lib/conversations/schemas";
import { viewerFor } from "@/lib/conversations/viewer";
import { announcePresence, presenceSchema } from "@/lib/realtime/announce-presence";

export const POST = workspaceRoute<{ conversationId: string }>(
  {
    name: "POST /api/workspaces/:workspace/conversations/:conversationId/presence",
    permission: "conversations.view",
  },
  async (request, context) => {
    const { conversationId } = parseInput(conversationIdSchema, context.params);
    const input = parseInput(presenceSchema, await request.json().catch(() => ({})));
    await announcePresence(context.db, {
      viewer: await viewerFor(context),
      memberName: context.user.name ?? context.user.email,
      conversationId,
      ...input,
    });
    return { ok: true };
  },
);
