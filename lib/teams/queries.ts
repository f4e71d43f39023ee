import "server-only";
import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  conversations,
  type Member,
  members,
  type Team,
  teamMembers,
  teams,
  users,
} from "@/db/schema";

export interface TeamMemberView {
  memberId: string;
  /** The user's name, or their email when they have not given one. */
  name: string;
  email: string;
  image: string | null;
  role: Member["role"];
  status: Member["status"];
}

export interface TeamView {
  id: string;
  name: string;
  routingMode: Team["routingMode"];
  /** Conversations (open or closed) that carry this team now. */
  conversationCount: number;
  members: TeamMemberView[];
}

const memberColumns = {
  memberId: members.id,
  name: users.name,
  email: users.email,
  image: users.image,
  role: members.role,
  status: members.status,
};
const byDisplayName = sql`lower(coalesce(${users.name}, ${users.email}))`;

function toMemberView(row: Omit<TeamMemberView, "name"> & { name: string | null }) {
  return { ...row, name: row.name ?? row.email };
}

/** The workspace's teams by name, each with its active members (by name). */
export async function listTeams(db: Database, workspaceId: string): Promise<TeamView[]> {
  const rows = await db
    .select({ id: teams.id, name: teams.name, routingMode: teams.routingMode })
    .from(teams)
    .where(eq(teams.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${teams.name})`), asc(teams.name));
  if (rows.length === 0) return [];
  const teamIds = rows.map((team) => team.id);

  const memberRows = await db
    .select({ teamId: teamMembers.teamId, ...memberColumns })
    .from(teamMembers)
    .innerJoin(members, eq(members.id, teamMembers.memberId))
    .innerJoin(users, eq(users.id, members.userId))
    .where(
      and(
        inArray(teamMembers.teamId, teamIds),
        eq(members.workspaceId, workspaceId),
        isNull(members.removedAt),
      ),
    )
    .orderBy(asc(byDisplayName), asc(members.id));

  const counts = await db
    .select({ teamId: conversations.teamId, count: count() })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.teamId, teamIds)))
    .groupBy(conversations.teamId);

  const membersByTeam = new Map<string, TeamMemberView[]>();
  for (const { teamId, ...member } of memberRows) {
    const list = membersByTeam.get(teamId) ?? [];
    list.push(toMemberView(member));
    membersByTeam.set(teamId, list);
  }
  const countByTeam = new Map(counts.map((row) => [row.teamId, row.count]));
  return rows.map((team) => ({
    ...team,
    conversationCount: countByTeam.get(team.id) ?? 0,
    members: membersByTeam.get(team.id) ?? [],
  }));
}

/** Everyone who may join a team: the workspace's active members, by name. */
export async function listActiveMembers(
  db: Database,
  workspaceId: string,
): Promise<TeamMemberView[]> {
  const rows = await db
    .select(memberColumns)
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.workspaceId, workspaceId), isNull(members.removedAt)))
    .orderBy(asc(byDisplayName), asc(members.id));
  return rows.map(toMemberView);
}

/** Id and name of every team, by name: for pickers and filters. */
export async function listTeamOptions(
  db: Database,
  workspaceId: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.workspaceId, workspaceId))
    .orderBy(asc(teams.name));
}
