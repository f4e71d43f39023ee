// GET /api/workspaces/:workspace — the workspace and the caller's membership in it
import { workspaceRoute } from "@/lib/api/route";
import { permissionsOf } from "@/lib/auth/permissions";

export const GET = workspaceRoute(
  { name: "GET /api/workspaces/:workspace", permission: "workspace.view" },
  async (_request, { workspace, member }) => ({
    workspace: {
      id: workspace.id,
      slug: workspace.slug,
      name: workspace.name,
      plan: workspace.plan,
      timeZone: workspace.timeZone,
    },
    member: { id: member.id, role: member.role, permissions: permissionsOf(member.role) },
  }),
);
