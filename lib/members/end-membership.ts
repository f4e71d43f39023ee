import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members, notifications, teamMembers } from "@/db/schema";
import { recordActivity } from "@/lib/activity/record-activity";
import { revokeKeysMadeBy } from "@/lib/api-keys/revoke-api-key";
import {
  lockMemberConversations,
  releaseMemberConversations,
} from "@/lib/assignment/release-member-conversations";
import { lockRouting } from "@/lib/assignment/routing-lock";
import { AppError, notFound } from "@/lib/errors";
import { emitAccessChanged } from "@/lib/realtime/emit-access-changed";
import { countAdmins, lockWorkspace } from "./lock-workspace";
import { findActiveMember } from "./queries";

/**
 * Ends a membership in one transaction: the row stays (marked removed, so history keeps the
 * name), team memberships end, unread notifications go, open conversations are released.
 * The member's next request fails at the door, which reads membership on every request.
 */
async function endMembership(
  db: Database,
  {
    workspaceId,
    memberId,
    actorMemberId,
    leaving,
    now = new Date(),
  }: { workspaceId: string; memberId: string; actorMemberId: string; leaving: boolean; now?: Date },
): Promise<{ name: string }> {
  return db.transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, workspaceId);
    // Lock order (lib/assignment/routing-lock.ts): the member's conversations, then the
    // routing lock, then the member row (routing writes member rows under its lock).
    await lockMemberConversations(tx, { workspaceId, memberId });
    await lockRouting(tx, workspaceId);
    const target = await findActiveMember(tx, workspaceId, memberId);
    if (!target) throw notFound("That member");
    const name = target.user.name ?? target.user.email;
    if (target.member.role === "admin" && (await countAdmins(tx, workspaceId)) <= 1) {
      throw new AppError(
        "conflict",
        leaving
          ? "You are the only Admin, so you cannot leave. Make someone else an Admin first."
          : `${name} is the only Admin and cannot be removed. Make someone else an Admin first.`,
      );
    }
    await tx
      .update(members)
      .set({ removedAt: now, status: "offline" })
      .where(eq(members.id, memberId));
    await tx.delete(teamMembers).where(eq(teamMembers.memberId, memberId));
    await tx
      .delete(notifications)
      .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt)));
    await releaseMemberConversations(tx, {
      workspace,
      memberId,
      actorMemberId,
      reason: leaving ? "member_left" : "member_removed",
      now,
    });
    const keys = await revokeKeysMadeBy(tx, { workspaceId, memberId, now });
    await emitAccessChanged(tx, { workspaceId, memberId });
    await recordActivity(tx, {
      workspaceId,
      actorMemberId,
      type: leaving ? "member.left" : "member.removed",
      data: {
        name,
        email: target.user.email,
        ...(keys.length > 0 ? { revokedKeys: keys.join(", ") } : {}),
      },
    });
    return { name };
  });
}

export function removeMember(
  db: Database,
  input: { workspaceId: string; memberId: string; actorMemberId: string; now?: Date },
) {
  if (input.memberId === input.actorMemberId) {
    throw new AppError("conflict", "To leave the workspace yourself, use “Leave workspace”.");
  }
  return endMembership(db, { ...input, leaving: false });
}

export function leaveWorkspace(
  db: Database,
  input: { workspaceId: string; memberId: string; now?: Date },
) {
  return endMembership(db, { ...input, actorMemberId: input.memberId, leaving: true });
}
