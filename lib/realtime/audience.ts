import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members, type Role, teamMembers, workspaces } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Audience, OwnershipState } from "./events";

/** What delivery needs to know about a connected member, read from the database. */
export interface Subscriber {
  memberId: string;
  workspaceId: string;
  role: Role;
  teamIds: string[];
  agentsSeeUnassigned: boolean;
}

/** The member as delivery sees them now; null once they are removed. */
export async function loadSubscriber(db: Database, memberId: string): Promise<Subscriber | null> {
  const [row] = await db
    .select({
      memberId: members.id,
      workspaceId: members.workspaceId,
      role: members.role,
      agentsSeeUnassigned: workspaces.agentsSeeUnassigned,
    })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(and(eq(members.id, memberId), isNull(members.removedAt)));
  if (!row) return null;
  const teams = await db
    .select({ teamId: teamMembers.teamId })
    .from(teamMembers)
    .where(eq(teamMembers.memberId, memberId));
  return { ...row, teamIds: teams.map((t) => t.teamId) };
}

/**
 * May this member see a conversation in this ownership state? The rule of `scopeCondition`
 * (lib/conversations/viewer.ts) for one row: everything for roles that see all; for Agents,
 * their own, their teams', and the no-team unassigned queue when the workspace allows it.
 */
export function seesConversation(subscriber: Subscriber, state: OwnershipState): boolean {
  if (!can(subscriber.role, "conversations.view")) return false;
  if (can(subscriber.role, "conversations.view.all")) return true;
  if (state.assigneeId === subscriber.memberId) return true;
  if (state.teamId && subscriber.teamIds.includes(state.teamId)) return true;
  return subscriber.agentsSeeUnassigned && state.assigneeId === null && state.teamId === null;
}

export function mayReceive(subscriber: Subscriber, audience: Audience): boolean {
  switch (audience.kind) {
    case "conversation":
      return audience.states.some((state) => seesConversation(subscriber, state));
    case "members":
      return audience.memberIds.includes(subscriber.memberId);
    case "workspace":
      return true;
    case "visitor":
      return false;
  }
}
