import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  conversations,
  type Member,
  members,
  type RoutingMode,
  type TeamRoutingMode,
  teamMembers,
  teams,
  users,
  type Workspace,
} from "@/db/schema";
import { type Candidate, type SkipReason, skipReason } from "./routing-rules";

/** One member as routing sees them now, and why they can or cannot take a conversation. */
export interface MemberRoutingState {
  memberId: string;
  name: string;
  email: string;
  image: string | null;
  role: Member["role"];
  status: Member["status"];
  acceptsChats: boolean;
  capacity: number | null;
  openConversations: number;
  lastAssignedAt: Date | null;
  /** Null when routing may give them a conversation now. */
  skipReason: SkipReason | null;
}

export interface TeamRoutingState {
  id: string;
  name: string;
  routingMode: TeamRoutingMode;
  /** The mode its conversations route by: its own, or the workspace's when it inherits. */
  effectiveMode: RoutingMode;
  memberCount: number;
  eligibleCount: number;
  waiting: number;
}

export interface RoutingOverview {
  mode: RoutingMode;
  members: MemberRoutingState[];
  eligibleCount: number;
  /** Conversations without a team waiting for the workspace pool. */
  waiting: number;
  /** Every pool's waiting conversations, teams included. */
  waitingTotal: number;
  teams: TeamRoutingState[];
}

/**
 * Settings → Routing: who is eligible right now (the same rule routing applies), and what
 * waits. "Waiting" follows the pool's mode: in a routed pool the queue (nobody eligible); in
 * a manual one the Unassigned conversations nobody has taken yet.
 */
export async function getRoutingOverview(
  db: Database,
  { workspace }: { workspace: Workspace },
): Promise<RoutingOverview> {
  const [memberRows, teamRows, membershipRows, waitingRows] = await Promise.all([
    db
      .select({
        memberId: members.id,
        name: sql<string>`coalesce(${users.name}, ${users.email})`,
        email: users.email,
        image: users.image,
        role: members.role,
        status: members.status,
        acceptsChats: members.acceptsChats,
        capacity: members.capacity,
        openConversations: members.openConversations,
        lastAssignedAt: members.lastAssignedAt,
      })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(members.workspaceId, workspace.id), isNull(members.removedAt)))
      .orderBy(asc(sql`lower(coalesce(${users.name}, ${users.email}))`), asc(members.id)),
    db
      .select({ id: teams.id, name: teams.name, routingMode: teams.routingMode })
      .from(teams)
      .where(eq(teams.workspaceId, workspace.id))
      .orderBy(asc(sql`lower(${teams.name})`), asc(teams.id)),
    db
      .select({ teamId: teamMembers.teamId, memberId: teamMembers.memberId })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(eq(teams.workspaceId, workspace.id)),
    db
      .select({
        teamId: conversations.teamId,
        queued: sql<number>`count(*) filter (where ${conversations.queuedAt} is not null)::int`,
        unassigned: sql<number>`count(*) filter (where ${conversations.queuedAt} is null)::int`,
      })
      .from(conversations)
      .where(
        and(
          eq(conversations.workspaceId, workspace.id),
          eq(conversations.status, "open"),
          isNull(conversations.assigneeId),
          isNull(conversations.agentSessionId),
          eq(conversations.kind, "direct"),
          eq(conversations.assignmentDisabled, false),
        ),
      )
      .groupBy(conversations.teamId),
  ]);

  const states: MemberRoutingState[] = memberRows.map((row) => ({
    ...row,
    skipReason: skipReason(row satisfies Candidate),
  }));
  const eligible = new Set(states.filter((s) => s.skipReason === null).map((s) => s.memberId));
  const active = new Set(states.map((s) => s.memberId));
  const waitingIn = (teamId: string | null, mode: RoutingMode) => {
    const row = waitingRows.find((r) => r.teamId === teamId);
    if (!row) return 0;
    return mode === "manual" ? Number(row.unassigned) : Number(row.queued);
  };

  const teamStates: TeamRoutingState[] = teamRows.map((team) => {
    const ids = membershipRows
      .filter((m) => m.teamId === team.id && active.has(m.memberId))
      .map((m) => m.memberId);
    const effectiveMode = team.routingMode === "inherit" ? workspace.routingMode : team.routingMode;
    return {
      ...team,
      effectiveMode,
      memberCount: ids.length,
      eligibleCount: ids.filter((id) => eligible.has(id)).length,
      waiting: waitingIn(team.id, effectiveMode),
    };
  });
  const waiting = waitingIn(null, workspace.routingMode);

  return {
    mode: workspace.routingMode,
    members: states,
    eligibleCount: eligible.size,
    waiting,
    waitingTotal: waiting + teamStates.reduce((sum, team) => sum + team.waiting, 0),
    teams: teamStates,
  };
}
