// GET /api/workspaces/:workspace/conversations/:conversationId/export?format=json|csv — download
import { csvDownload } from "@/lib/api/csv-download";
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
    const name = `conversation-${conversationId.slice(0, 8)}`;
    if (csv) return csvDownload(conversationToCsv(detail), `${name}.csv`);
    return new Response(JSON.stringify(conversationToJson(detail), null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${name}.json"`,
        "cache-control": "no-store",
      },
    });
  },
);
