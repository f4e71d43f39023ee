// GET /api/workspaces/:workspace/conversations — one page of the inbox (view, filters, search, cursor)
import { workspaceRoute } from "@/lib/api/route";
import { parseInput } from "@/lib/auth/actions";
import { listActivitySince, listConversations } from "@/lib/conversations/list-conversations";
import { listQuerySchema } from "@/lib/conversations/schemas";
import { viewerFor } from "@/lib/conversations/viewer";

export const GET = workspaceRoute(
  { name: "GET /api/workspaces/:workspace/conversations", permission: "conversations.view" },
  async (request, context) => {
    const params = Object.fromEntries(new URL(request.url).searchParams);
    const query = parseInput(listQuerySchema, params);
    const viewer = await viewerFor(context);
    const since = params.since ? new Date(params.since) : null;
    // Only times PostgreSQL can hold (a list's are all after 1970); anything else is ignored
    // like an unreadable one, and the page is read from the start.
    if (since && since.getTime() >= 0 && since.getTime() <= Date.UTC(9999, 11, 31)) {
      return { items: await listActivitySince(context.db, viewer, query, since), nextCursor: null };
    }
    return listConversations(context.db, viewer, query);
  },
);
