import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { createElement } from "react";
import type { Database } from "@/db/client";
import { invitations, type Member, members, teams, type User, users } from "@/db/schema";
import { InvitationEmail, invitationSubject } from "@/emails/invitation";
import { recordActivity } from "@/lib/activity/record-activity";
import { roleLabels } from "@/lib/auth/permissions";
import { cancelQueuedEmails, invitationTopic } from "@/lib/email/cancel-queued-emails";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { AppError, notFound } from "@/lib/errors";
import { INVITATION_TTL_MS, invitationUrl, newInvitationToken } from "./invitation-token";
import { countSeats, lockWorkspace } from "./lock-workspace";
import type { InviteInput } from "./schemas";
import { seatRefusal } from "./seats";

export interface Inviter {
  member: Member;
  user: User;
}

const formatDate = (date: Date) =>
  new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(date);
const list = (items: string[]) => items.map((item) => `"${item}"`).join(", ");

/**
 * Invites one or several people. All or nothing: an invalid, taken or over-the-limit
 * address refuses the whole batch. Each invitation's email is written to the outbox in the
 * same transaction; the caller kicks delivery after commit.
 */
export async function inviteMembers(
  db: Database,
  {
    workspaceId,
    inviter,
    input,
    baseUrl,
    now = new Date(),
  }: { workspaceId: string; inviter: Inviter; input: InviteInput; baseUrl: string; now?: Date },
): Promise<{ id: string; email: string }[]> {
  const { emails, role, teamIds } = input;
  return db.transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, workspaceId);

    if (teamIds.length > 0) {
      const found = await tx
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, teamIds)));
      if (found.length !== new Set(teamIds).size) throw notFound("That team");
    }

    const alreadyMembers = await tx
      .select({ email: users.email })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(
        and(
          eq(members.workspaceId, workspaceId),
          isNull(members.removedAt),
          inArray(users.email, emails),
        ),
      );
    if (alreadyMembers.length > 0) {
      const taken = alreadyMembers.map((row) => row.email);
      throw new AppError(
        "conflict",
        `${list(taken)} ${taken.length === 1 ? "is already a member" : "are already members"} of ${workspace.name}. Nobody was invited.`,
        { emails: "Remove the people who are already members." },
      );
    }

    const pending = await tx
      .select({
        id: invitations.id,
        email: invitations.email,
        sentAt: invitations.sentAt,
        expiresAt: invitations.expiresAt,
      })
      .from(invitations)
      .where(
        and(
          eq(invitations.workspaceId, workspaceId),
          eq(invitations.status, "pending"),
          inArray(invitations.email, emails),
        ),
      );
    const live = pending.filter((row) => row.expiresAt > now);
    if (live.length > 0) {
      const [first] = live;
      throw new AppError(
        "conflict",
        live.length === 1 && first
          ? `"${first.email}" was already invited on ${formatDate(first.sentAt)}. Use "Resend" in the pending invitations list instead. Nobody was invited.`
          : `${list(live.map((row) => row.email))} were already invited. Use "Resend" in the pending invitations list instead. Nobody was invited.`,
        { emails: "Some of these people already have an invitation." },
      );
    }
    // An expired invitation to the same address gives way to the new one.
    const expiredIds = pending.filter((row) => row.expiresAt <= now).map((row) => row.id);
    if (expiredIds.length > 0) {
      await tx
        .update(invitations)
        .set({ status: "revoked", revokedAt: now })
        .where(inArray(invitations.id, expiredIds));
      await cancelQueuedEmails(tx, {
        topics: expiredIds.map(invitationTopic),
        reason: "the invitation expired and was replaced",
        now,
      });
    }

    const refusal = seatRefusal(
      workspace.plan,
      await countSeats(tx, workspaceId, now),
      emails.length,
    );
    if (refusal) throw new AppError("conflict", refusal, { emails: "Not enough seats." });

    const invited: { id: string; email: string }[] = [];
    const inviterName = inviter.user.name ?? inviter.user.email;
    for (const email of emails) {
      const { token, tokenHash } = newInvitationToken();
      const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
      const [row] = await tx
        .insert(invitations)
        .values({
          workspaceId,
          email,
          role,
          teamIds,
          tokenHash,
          invitedById: inviter.member.id,
          sentAt: now,
          expiresAt,
        })
        .returning({ id: invitations.id });
      if (!row) throw new Error("invitation insert returned nothing");
      const props = {
        workspaceName: workspace.name,
        inviterName,
        roleLabel: roleLabels[role],
        url: invitationUrl(baseUrl, token),
        expiresAt,
      };
      await enqueueEmail(tx, {
        to: email,
        subject: invitationSubject(props),
        template: "invitation",
        react: createElement(InvitationEmail, props),
        topic: invitationTopic(row.id),
      });
      await recordActivity(tx, {
        workspaceId,
        actorMemberId: inviter.member.id,
        type: "member.invited",
        data: { email, role },
      });
      invited.push({ id: row.id, email });
    }
    return invited;
  });
}
