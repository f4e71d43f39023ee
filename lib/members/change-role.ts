import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members, type Role } from "@/db/schema";
import { recordActivity } from "@/lib/activity/record-activity";
import { revokeKeysMadeBy } from "@/lib/api-keys/revoke-api-key";
import {
  lockMemberConversations,
  releaseMemberConversations,
} from "@/lib/assignment/release-member-conversations";
import { poolGrew } from "@/lib/assignment/routing-changed";
import { lockRouting } from "@/lib/assignment/routing-lock";
import { can, roleLabels } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import { emitAccessChanged } from "@/lib/realtime/emit-access-changed";
import { countAdmins, lockWorkspace } from "./lock-workspace";
import { findActiveMember } from "./queries";

/**
 * Changes a member's role; it applies on their next request, since roles are read per request.
 * Under the routing lock, in removal's lock order (end-membership.ts): a member who may no
 * longer reply (now a Viewer) is released from their open conversations, which are routed
 * on; a member who now may reply can be eligible, so waiting conversations are routed at once.
 */
export async function changeRole(
  db: Database,
  {
    workspaceId,
    memberId,
    role,
    actorMemberId,
  }: { workspaceId: string; memberId: string; role: Role; actorMemberId: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, workspaceId);
    await lockMemberConversations(tx, { workspaceId, memberId });
    await lockRouting(tx, workspaceId);
    const target = await findActiveMember(tx, workspaceId, memberId);
    if (!target) throw notFound("That member");
    const { member, user } = target;
    if (member.role === role) return;
    if (member.role === "admin" && (await countAdmins(tx, workspaceId)) <= 1) {
      throw new AppError(
        "conflict",
        `${user.name ?? user.email} is the only Admin. Make someone else an Admin first, so the workspace always has one.`,
      );
    }
    await tx.update(members).set({ role }).where(eq(members.id, member.id));
    const couldReply = can(member.role, "conversations.reply");
    const mayReply = can(role, "conversations.reply");
    const now = new Date();
    if (couldReply && !mayReply) {
      await releaseMemberConversations(tx, {
        workspace,
        memberId,
        actorMemberId,
        reason: "role_changed",
        now,
      });
    } else if (mayReply && !couldReply) {
      await poolGrew(tx, { workspace, actorMemberId, now });
    }
    // No longer managing the workspace: the API keys they made (and saw) stop working.
    const keys =
      can(member.role, "workspace.manage") && !can(role, "workspace.manage")
        ? await revokeKeysMadeBy(tx, { workspaceId, memberId: member.id, now })
        : [];
    await emitAccessChanged(tx, { workspaceId: member.workspaceId, memberId: member.id });
    await recordActivity(tx, {
      workspaceId,
      actorMemberId,
      type: "member.role_changed",
      data: {
        name: user.name ?? user.email,
        from: roleLabels[member.role],
        to: roleLabels[role],
        ...(keys.length > 0 ? { revokedKeys: keys.join(", ") } : {}),
      },
    });
  });
}
