// GET /api/workspaces/:workspace/notifications — the member's bell: latest notifications and the unread count
import { workspaceRoute } from "@/lib/api/route";
import { listNotifications } from "@/lib/notifications/list-notifications";

export const GET = workspaceRoute(
  { name: "GET /api/workspaces/:workspace/notifications", permission: "workspace.view" },
  async (_request, context) => listNotifications(context.db, { memberId: context.member.id }),
);
