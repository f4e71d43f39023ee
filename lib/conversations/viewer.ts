import "server-only";
import { and, eq, inArray, isNull, ne, or, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversations, type Member, teamMembers, type Workspace } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { WorkspaceContext } from "@/lib/auth/workspace-context";

/**
 * Who is looking at the inbox, and so which conversations exist for them. An API key sees
 * the whole workspace; a member sees what DESIGN.md's table gives their role.
 */
export interface Viewer {
  workspace: Workspace;
  /** Null for an API key. */
  member: Member | null;
  teamIds: string[];
  seesAll: boolean;
  canReply: boolean;
}

export async function viewerFor(context: WorkspaceContext): Promise<Viewer> {
  const { db, workspace, member } = context;
  const rows = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.memberId, member.id));
  return {
    workspace,
    member,
    teamIds: rows.map((row) => row.teamId),
    seesAll: can(member.role, "conversations.view.all"),
    canReply: can(member.role, "conversations.reply"),
  };
}

export function apiViewer(workspace: Workspace): Viewer {
  return { workspace, member: null, teamIds: [], seesAll: true, canReply: true };
}

/**
 * The viewer's scope as a WHERE clause, so visibility is enforced in every query: an Agent
 * sees what is assigned to them, their teams' conversations, and, when the workspace allows
 * it, the unassigned conversations that belong to no team.
 */
export function scopeCondition(viewer: Viewer): SQL | undefined {
  const inWorkspace = eq(conversations.workspaceId, viewer.workspace.id);
  if (viewer.seesAll || !viewer.member) return inWorkspace;
  const visible: (SQL | undefined)[] = [eq(conversations.assigneeId, viewer.member.id)];
  if (viewer.teamIds.length > 0) visible.push(inArray(conversations.teamId, viewer.teamIds));
  if (viewer.workspace.agentsSeeUnassigned) {
    visible.push(and(isNull(conversations.assigneeId), isNull(conversations.teamId)));
  }
  return and(inWorkspace, or(...visible));
}

/**
 * The same scope as disjoint branches, each served by one index: what is assigned to the
 * Agent; their teams' conversations assigned to someone else or to nobody; the no-team
 * queue. Lists and counts run one index range per branch and merge, where a single OR
 * would make PostgreSQL scan and filter.
 */
export function scopeBranches(
  viewer: Viewer,
  /** What the view already fixes: branches that contradict it are skipped. */
  fixed: { assignee?: "me" | "none" | "any"; teamId?: string } = {},
): SQL[] {
  const inWorkspace = eq(conversations.workspaceId, viewer.workspace.id);
  if (viewer.seesAll || !viewer.member) return [inWorkspace];
  const me = viewer.member.id;
  const { assignee = "any", teamId } = fixed;
  const branches: SQL[] = [];
  if (assignee !== "none") branches.push(and(inWorkspace, eq(conversations.assigneeId, me)) as SQL);
  if (assignee === "me") return branches;
  const notMine = or(isNull(conversations.assigneeId), ne(conversations.assigneeId, me));
  if (teamId) {
    // The view already says `team_id = X`: an IN list here would stop the index giving order.
    if (viewer.teamIds.includes(teamId)) branches.push(and(inWorkspace, notMine) as SQL);
    return branches;
  }
  if (viewer.teamIds.length > 0) {
    branches.push(and(inWorkspace, inArray(conversations.teamId, viewer.teamIds), notMine) as SQL);
  }
  if (viewer.workspace.agentsSeeUnassigned) {
    branches.push(
      and(inWorkspace, isNull(conversations.assigneeId), isNull(conversations.teamId)) as SQL,
    );
  }
  return branches;
}

/** Loads a conversation only if the viewer may see it; null otherwise (the caller answers 404). */
export async function findVisibleConversation(
  db: Database,
  viewer: Viewer,
  conversationId: string,
) {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), scopeCondition(viewer)));
  return row ?? null;
}
