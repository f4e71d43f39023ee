// GET /api/workspaces/:workspace/conversations/:conversationId/export?format=json|csv — download
import { workspaceRoute } from "@/lib/api/route";
import { parseInput } from "@/lib/auth/actions";
import { conversationToCsv, conversationToJson } from "@/lib/conversations/export-conversation";
import { getConversation } from "@/lib/conversations/get-conversation";
import { conversationIdSchema } from "@/lib/conversations/schemas";
import { viewerFor } from "@/lib/conversations/viewer";

export const GET = workspaceRoute<{ conversationId: string }>(
  {
    name: "GET /api/workspaces/:workspace/conversations/:id/export",
    permission: "conversations.view",
  },
  async (request, context) => {
    const { conversationId } = parseInput(conversationIdSchema, context.params);
    const detail = await getConversation(context.db, await viewerFor(context), conversationId);
    const csv = new URL(request.url).searchParams.get("format") === "csv";
    const name = `conversation-${conversationId.slice(0, 8)}.${csv ? "csv" : "json"}`;
    return new Response(
      csv ? conversationToCsv(detail) : JSON.stringify(conversationToJson(detail), null, 2),
      {
        headers: {
          "content-type": csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
          "content-disposition": `attachment; filename="${name}"`,
          "cache-control": "no-store",
        },
      },
    );
  },
);
