import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  members,
  routingPositions,
  type Team,
  teamMembers,
  teams,
  users,
  type Workspace,
} from "@/db/schema";
import type { Candidate, RoutingStrategy } from "./routing-rules";

/** The members a conversation may be routed to: the workspace's, or one team's. */
export interface RoutingPool {
  teamId: string | null;
  teamName: string | null;
  /** Null when the pool routes manually (conversations wait in Unassigned). */
  strategy: RoutingStrategy | null;
}

const WORKSPACE_POOL = "workspace";
const poolKey = (pool: RoutingPool) => pool.teamId ?? WORKSPACE_POOL;

export function poolOf(
  workspace: Workspace,
  team: Pick<Team, "id" | "name" | "routingMode"> | null,
): RoutingPool {
  const mode = team && team.routingMode !== "inherit" ? team.routingMode : workspace.routingMode;
  return {
    teamId: team?.id ?? null,
    teamName: team?.name ?? null,
    strategy: mode === "manual" ? null : mode,
  };
}

export async function findPool(
  tx: Database,
  workspace: Workspace,
  teamId: string | null,
): Promise<RoutingPool> {
  if (!teamId) return poolOf(workspace, null);
  const [team] = await tx
    .select({ id: teams.id, name: teams.name, routingMode: teams.routingMode })
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.workspaceId, workspace.id)));
  return poolOf(workspace, team ?? null);
}

/** Every active member of the pool with what routing weighs: status, capacity, load. */
export async function loadCandidates(
  tx: Database,
  { workspaceId, pool }: { workspaceId: string; pool: RoutingPool },
): Promise<Candidate[]> {
  const columns = {
    memberId: members.id,
    name: sql<string>`coalesce(${users.name}, ${users.email})`,
    role: members.role,
    status: members.status,
    acceptsChats: members.acceptsChats,
    capacity: members.capacity,
    openConversations: members.openConversations,
    lastAssignedAt: members.lastAssignedAt,
  };
  const active = and(eq(members.workspaceId, workspaceId), isNull(members.removedAt));
  if (!pool.teamId) {
    return tx
      .select(columns)
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(active);
  }
  return tx
    .select(columns)
    .from(teamMembers)
    .innerJoin(members, eq(members.id, teamMembers.memberId))
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(teamMembers.teamId, pool.teamId), active));
}

export async function lastServed(
  tx: Database,
  { workspaceId, pool }: { workspaceId: string; pool: RoutingPool },
): Promise<string | null> {
  const [row] = await tx
    .select({ lastMemberId: routingPositions.lastMemberId })
    .from(routingPositions)
    .where(
      and(eq(routingPositions.workspaceId, workspaceId), eq(routingPositions.pool, poolKey(pool))),
    );
  return row?.lastMemberId ?? null;
}

export async function rememberServed(
  tx: Database,
  {
    workspaceId,
    pool,
    memberId,
    now,
  }: { workspaceId: string; pool: RoutingPool; memberId: string; now: Date },
): Promise<void> {
  await tx
    .insert(routingPositions)
    .values({ workspaceId, pool: poolKey(pool), lastMemberId: memberId, updatedAt: now })
    .onConflictDoUpdate({
      target: [routingPositions.workspaceId, routingPositions.pool],
      set: { lastMemberId: memberId, updatedAt: now },
    });
}
