// GET /api/workspaces/:workspace/conversations — one page of the inbox (view, filters, search, cursor)
import { workspaceRoute } from "@/lib/api/route";
import { parseInput } from "@/lib/auth/actions";
import { storableTime } from "@/lib/conversations/cursor";
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
    // A time the database cannot hold is ignored like an unreadable one: the page from the start.
    if (since && storableTime(since.getTime())) {
      return { items: await listActivitySince(context.db, viewer, query, since), nextCursor: null };
    }
    return listConversations(context.db, viewer, query);
  },
);
