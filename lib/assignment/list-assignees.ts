import "server-only";
import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  type Member,
  members,
  type RoutingMode,
  roles,
  type Team,
  teamMembers,
  teams,
  users,
  type Workspace,
} from "@/db/schema";
import { type AgentPickerOption, listAgentsForPicker } from "@/lib/agents/list-agents";
import { can } from "@/lib/auth/permissions";

/** A member the pickers offer: who they are, whether they are around, and how loaded. */
export interface AssigneeOption {
  id: string;
  name: string;
  image: string | null;
  role: Member["role"];
  status: Member["status"];
  acceptsChats: boolean;
  openConversations: number;
  /** Null = unlimited. */
  capacity: number | null;
}

export interface TeamAssigneeOption {
  id: string;
  name: string;
  routingMode: Team["routingMode"];
  /** The mode that applies: the team's own, or the workspace's when it inherits. */
  effectiveMode: RoutingMode;
  memberCount: number;
}

export type { AgentPickerOption };

export interface Assignees {
  members: AssigneeOption[];
  teams: TeamAssigneeOption[];
  /** The AI agents "Assign agent" offers, with their initial message and handoff team. */
  agents: AgentPickerOption[];
}

/** Roles that may reply, and so may own a conversation (Viewers may not). */
const assignableRoles = roles.filter((role) => can(role, "conversations.reply"));

/** Everyone who can be given a conversation, every team and every AI agent, by name: for the pickers. */
export async function listAssignees(db: Database, workspace: Workspace): Promise<Assignees> {
  const [memberRows, teamRows, sizes, agents] = await Promise.all([
    db
      .select({
        id: members.id,
        name: sql<string>`coalesce(${users.name}, ${users.email})`,
        image: users.image,
        role: members.role,
        status: members.status,
        acceptsChats: members.acceptsChats,
        openConversations: members.openConversations,
        capacity: members.capacity,
      })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(
        and(
          eq(members.workspaceId, workspace.id),
          isNull(members.removedAt),
          inArray(members.role, assignableRoles),
        ),
      )
      .orderBy(asc(sql`lower(coalesce(${users.name}, ${users.email}))`), asc(members.id)),
    db
      .select({ id: teams.id, name: teams.name, routingMode: teams.routingMode })
      .from(teams)
      .where(eq(teams.workspaceId, workspace.id))
      .orderBy(asc(sql`lower(${teams.name})`), asc(teams.id)),
    db
      .select({ teamId: teamMembers.teamId, size: count() })
      .from(teamMembers)
      .innerJoin(members, eq(members.id, teamMembers.memberId))
      .where(and(eq(members.workspaceId, workspace.id), isNull(members.removedAt)))
      .groupBy(teamMembers.teamId),
    listAgentsForPicker(db, workspace.id),
  ]);
  const sizeOf = new Map(sizes.map((row) => [row.teamId, row.size]));
  return {
    members: memberRows,
    teams: teamRows.map((team) => ({
      ...team,
      effectiveMode: team.routingMode === "inherit" ? workspace.routingMode : team.routingMode,
      memberCount: sizeOf.get(team.id) ?? 0,
    })),
    agents,
  };
}
