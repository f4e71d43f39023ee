import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  type Invitation,
  invitations,
  members,
  teamMembers,
  teams,
  type User,
  users,
  type Workspace,
  workspaces,
} from "@/db/schema";
import { recordActivity } from "@/lib/activity/record-activity";
import { AppError } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { hashInvitationToken } from "./invitation-token";
import { lockWorkspace } from "./lock-workspace";

export type InvitationLookup =
  | { state: "unknown" }
  | {
      state: "pending" | "expired" | "revoked" | "accepted";
      invitation: Invitation;
      workspace: Workspace;
      inviterName: string | null;
      accountExists: boolean;
    };

/** What a token opens, for the /invite page. Never changes anything. */
export async function findInvitationByToken(
  db: Database,
  token: string,
  now = new Date(),
): Promise<InvitationLookup> {
  const [row] = await db
    .select({ invitation: invitations, workspace: workspaces })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, hashInvitationToken(token)));
  if (!row) return { state: "unknown" };
  const { invitation, workspace } = row;
  const [inviter] = invitation.invitedById
    ? await db
        .select({ name: users.name })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .where(eq(members.id, invitation.invitedById))
    : [];
  const [account] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, invitation.email));
  return {
    state: invitationState(invitation, now),
    invitation,
    workspace,
    inviterName: inviter?.name ?? null,
    accountExists: Boolean(account),
  };
}

export function invitationState(
  invitation: Pick<Invitation, "status" | "expiresAt">,
  now: Date,
): "pending" | "expired" | "revoked" | "accepted" {
  if (invitation.status === "pending" && invitation.expiresAt <= now) return "expired";
  return invitation.status;
}

export const invitationRefusals = {
  unknown:
    "This invitation link is not valid. Check that you copied the whole link, or ask for a new invitation.",
  expired: "This invitation has expired. Ask an Admin of the workspace to send a new one.",
  revoked: "This invitation was revoked. Ask an Admin of the workspace if you should still join.",
  accepted: "This invitation has already been used. Sign in to open the workspace.",
} as const;

/**
 * Joins the signed-in user to the workspace with the invited role and teams. The token
 * proves the address, so the user's email counts as verified afterwards.
 */
export async function acceptInvitation(
  db: Database,
  { token, user, now = new Date() }: { token: string; user: User; now?: Date },
): Promise<{ workspaceSlug: string; memberId: string }> {
  const tokenHash = hashInvitationToken(token);
  const [found] = await db
    .select({ workspaceId: invitations.workspaceId })
    .from(invitations)
    .where(eq(invitations.tokenHash, tokenHash));
  if (!found) throw new AppError("not_found", invitationRefusals.unknown);

  return db.transaction(async (tx) => {
    // Same lock order as inviting and resending: workspace first, then the invitation.
    const workspace = await lockWorkspace(tx, found.workspaceId);
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, tokenHash))
      .for("update");
    if (!invitation) throw new AppError("not_found", invitationRefusals.unknown);
    const state = invitationState(invitation, now);
    if (state !== "pending") throw new AppError("conflict", invitationRefusals[state]);
    if (user.email.toLowerCase() !== invitation.email) {
      throw new AppError(
        "forbidden",
        `This invitation is for ${invitation.email}, but you are signed in as ${user.email}. Sign out and continue as ${invitation.email}.`,
      );
    }

    const [existing] = await tx
      .select()
      .from(members)
      .where(and(eq(members.workspaceId, workspace.id), eq(members.userId, user.id)));
    let memberId: string;
    if (existing && existing.removedAt === null) {
      memberId = existing.id;
    } else if (existing) {
      // A former member comes back: same row, so history keeps one identity.
      await tx
        .update(members)
        .set({ role: invitation.role, removedAt: null, status: "offline", lastActiveAt: now })
        .where(eq(members.id, existing.id));
      memberId = existing.id;
    } else {
      const [created] = await tx
        .insert(members)
        .values({
          workspaceId: workspace.id,
          userId: user.id,
          role: invitation.role,
          lastActiveAt: now,
        })
        .returning({ id: members.id });
      if (!created) throw new Error("member insert returned nothing");
      memberId = created.id;
    }

    if (invitation.teamIds.length > 0) {
      // Teams deleted since the invitation was sent are skipped.
      const stillThere = await tx
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.workspaceId, workspace.id), inArray(teams.id, invitation.teamIds)));
      if (stillThere.length > 0) {
        await tx
          .insert(teamMembers)
          .values(stillThere.map((team) => ({ teamId: team.id, memberId })))
          .onConflictDoNothing();
      }
    }

    await tx
      .update(invitations)
      .set({ status: "accepted", acceptedAt: now, acceptedByUserId: user.id })
      .where(eq(invitations.id, invitation.id));
    await tx
      .update(users)
      .set({ emailVerified: now })
      .where(and(eq(users.id, user.id), isNull(users.emailVerified)));
    await recordActivity(tx, {
      workspaceId: workspace.id,
      actorMemberId: memberId,
      type: "invitation.accepted",
      data: { email: invitation.email, name: user.name ?? user.email, role: invitation.role },
    });
    if (invitation.invitedById) {
      const [inviter] = await tx
        .select({ id: members.id })
        .from(members)
        .where(and(eq(members.id, invitation.invitedById), isNull(members.removedAt)));
      if (inviter) {
        await notify(tx, {
          workspaceId: workspace.id,
          memberId: inviter.id,
          type: "invitation_accepted",
          data: { name: user.name ?? user.email, email: user.email, role: invitation.role },
        });
      }
    }
    return { workspaceSlug: workspace.slug, memberId };
  });
}
