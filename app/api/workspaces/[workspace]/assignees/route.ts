// GET /api/workspaces/:workspace/assignees — members, teams and AI agents the assignment pickers offer
import { workspaceRoute } from "@/lib/api/route";
import { listAssignees } from "@/lib/assignment/list-assignees";

export const GET = workspaceRoute(
  { name: "GET /api/workspaces/:workspace/assignees", permission: "conversations.claim" },
  async (_request, context) => listAssignees(context.db, context.workspace),
);
