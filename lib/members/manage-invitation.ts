import "server-only";
import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import type { Database } from "@/db/client";
import { type Invitation, invitations } from "@/db/schema";
import { InvitationEmail, invitationSubject } from "@/emails/invitation";
import { recordActivity } from "@/lib/activity/record-activity";
import { roleLabels } from "@/lib/auth/permissions";
import { cancelQueuedEmails, invitationTopic } from "@/lib/email/cancel-queued-emails";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { AppError, notFound } from "@/lib/errors";
import { hitRateLimit } from "@/lib/rate-limit";
import { INVITATION_TTL_MS, invitationUrl, newInvitationToken } from "./invitation-token";
import type { Inviter } from "./invite-members";
import { countSeats, lockWorkspace } from "./lock-workspace";
import { seatRefusal } from "./seats";

async function lockPendingInvitation(tx: Database, workspaceId: string, invitationId: string) {
  const [invitation] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.workspaceId, workspaceId)))
    .for("update");
  if (!invitation) throw notFound("That invitation");
  if (invitation.status !== "pending") {
    throw new AppError(
      "conflict",
      invitation.status === "accepted"
        ? `${invitation.email} has already accepted this invitation.`
        : `The invitation to ${invitation.email} was revoked. Send a new one instead.`,
    );
  }
  return invitation;
}

/** How often one invitation may be sent again in an hour. */
export const RESENDS_PER_HOUR = 5;

/**
 * Sends the invitation again with a new token (the old link stops working) and a new
 * 7-day expiry. An expired invitation takes a seat again, so the limit is checked.
 */
export async function resendInvitation(
  db: Database,
  {
    workspaceId,
    invitationId,
    inviter,
    baseUrl,
    now = new Date(),
  }: { workspaceId: string; invitationId: string; inviter: Inviter; baseUrl: string; now?: Date },
): Promise<Invitation> {
  return db.transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, workspaceId);
    const invitation = await lockPendingInvitation(tx, workspaceId, invitationId);
    // Each resend mails the invitee at once: a few an hour, so nobody can mail-bomb an address.
    await hitRateLimit(tx, {
      key: `invitation:resend:${invitation.id}`,
      limit: RESENDS_PER_HOUR,
      windowMs: 60 * 60_000,
      noun: "resends of this invitation",
      now,
    });
    if (invitation.expiresAt <= now) {
      const refusal = seatRefusal(workspace.plan, await countSeats(tx, workspaceId, now), 1);
      if (refusal) throw new AppError("conflict", refusal);
    }
    const { token, tokenHash } = newInvitationToken();
    const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
    const [updated] = await tx
      .update(invitations)
      .set({ tokenHash, sentAt: now, expiresAt, invitedById: inviter.member.id })
      .where(eq(invitations.id, invitation.id))
      .returning();
    if (!updated) throw new Error("invitation update returned nothing");
    // The earlier email's link stops working now: if it has not gone out yet, it never will.
    await cancelQueuedEmails(tx, {
      topics: [invitationTopic(invitation.id)],
      reason: "the invitation was sent again with a new link",
      now,
    });
    const props = {
      workspaceName: workspace.name,
      inviterName: inviter.user.name ?? inviter.user.email,
      roleLabel: roleLabels[invitation.role],
      url: invitationUrl(baseUrl, token),
      expiresAt,
    };
    await enqueueEmail(tx, {
      to: invitation.email,
      subject: invitationSubject(props),
      template: "invitation",
      react: createElement(InvitationEmail, props),
      topic: invitationTopic(invitation.id),
    });
    await recordActivity(tx, {
      workspaceId,
      actorMemberId: inviter.member.id,
      type: "invitation.resent",
      data: { email: invitation.email },
    });
    return updated;
  });
}

export async function revokeInvitation(
  db: Database,
  {
    workspaceId,
    invitationId,
    actorMemberId,
    now = new Date(),
  }: { workspaceId: string; invitationId: string; actorMemberId: string; now?: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const invitation = await lockPendingInvitation(tx, workspaceId, invitationId);
    await tx
      .update(invitations)
      .set({ status: "revoked", revokedAt: now })
      .where(eq(invitations.id, invitation.id));
    await cancelQueuedEmails(tx, {
      topics: [invitationTopic(invitation.id)],
      reason: "the invitation was revoked",
      now,
    });
    await recordActivity(tx, {
      workspaceId,
      actorMemberId,
      type: "invitation.revoked",
      data: { email: invitation.email },
    });
  });
}
