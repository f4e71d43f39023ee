// GET /api/workspaces/:workspace/views — the caller's inbox views with their counts
import { workspaceRoute } from "@/lib/api/route";
import { countViews } from "@/lib/conversations/count-views";
import { viewerFor } from "@/lib/conversations/viewer";

export const GET = workspaceRoute(
  { name: "GET /api/workspaces/:workspace/views", permission: "conversations.view" },
  async (_request, context) => ({ views: await countViews(context.db, await viewerFor(context)) }),
);
