import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members, type Role } from "@/db/schema";
import { recordActivity } from "@/lib/activity/record-activity";
import { roleLabels } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import { emitAccessChanged } from "@/lib/realtime/emit-access-changed";
import { countAdmins, lockWorkspace } from "./lock-workspace";
import { findActiveMember } from "./queries";

/** Changes a member's role; it applies on their next request, since roles are read per request. */
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
    await lockWorkspace(tx, workspaceId);
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
    await emitAccessChanged(tx, { workspaceId: member.workspaceId, memberId: member.id });
    await recordActivity(tx, {
      workspaceId,
      actorMemberId,
      type: "member.role_changed",
      data: { name: user.name ?? user.email, from: roleLabels[member.role], to: roleLabels[role] },
    });
  });
}
