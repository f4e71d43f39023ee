import "server-only";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { invitations, members, teamMembers, teams, users } from "@/db/schema";

export async function listMembers(db: Database, workspaceId: string) {
  const rows = await db
    .select({
      id: members.id,
      userId: members.userId,
      role: members.role,
      status: members.status,
      acceptsChats: members.acceptsChats,
      capacity: members.capacity,
      openConversations: members.openConversations,
      lastActiveAt: members.lastActiveAt,
      joinedAt: members.createdAt,
      name: users.name,
      email: users.email,
      image: users.image,
    })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.workspaceId, workspaceId), isNull(members.removedAt)))
    .orderBy(asc(users.name), asc(users.email));
  const memberships = rows.length
    ? await db
        .select({ memberId: teamMembers.memberId, teamId: teams.id, teamName: teams.name })
        .from(teamMembers)
        .innerJoin(teams, eq(teams.id, teamMembers.teamId))
        .where(
          and(
            eq(teams.workspaceId, workspaceId),
            inArray(
              teamMembers.memberId,
              rows.map((row) => row.id),
            ),
          ),
        )
        .orderBy(asc(teams.name))
    : [];
  return rows.map((row) => ({
    ...row,
    name: row.name ?? row.email,
    teams: memberships
      .filter((membership) => membership.memberId === row.id)
      .map(({ teamId, teamName }) => ({ id: teamId, name: teamName })),
  }));
}
export type MemberRow = Awaited<ReturnType<typeof listMembers>>[number];

const inviterMember = alias(members, "inviter_member");
const inviterUser = alias(users, "inviter_user");

/** Pending invitations, expired ones included (shown as expired, with a resend). */
export async function listPendingInvitations(db: Database, workspaceId: string) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      sentAt: invitations.sentAt,
      expiresAt: invitations.expiresAt,
      inviterName: inviterUser.name,
    })
    .from(invitations)
    .leftJoin(inviterMember, eq(inviterMember.id, invitations.invitedById))
    .leftJoin(inviterUser, eq(inviterUser.id, inviterMember.userId))
    .where(and(eq(invitations.workspaceId, workspaceId), eq(invitations.status, "pending")))
    .orderBy(desc(invitations.sentAt));
}
export type InvitationRow = Awaited<ReturnType<typeof listPendingInvitations>>[number];

/** The active member with this id in this workspace, with the user's name. */
export async function findActiveMember(db: Database, workspaceId: string, memberId: string) {
  const [row] = await db
    .select({ member: members, user: users })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(
      and(
        eq(members.id, memberId),
        eq(members.workspaceId, workspaceId),
        isNull(members.removedAt),
      ),
    );
  return row ?? null;
}
