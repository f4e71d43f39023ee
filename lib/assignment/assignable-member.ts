import "server-only";
import type { Database } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import { findActiveMember } from "@/lib/members/queries";

/**
 * An active member of this workspace whose role may reply; 404 / 422 otherwise. Call it under
 * the routing lock: a removal or role change holds that lock while it changes the membership
 * (lib/members/end-membership.ts, change-role.ts), so a member read after taking it cannot be
 * one whose removal commits before this assignment does.
 */
export async function assignableMember(tx: Database, workspaceId: string, memberId: string) {
  const found = await findActiveMember(tx, workspaceId, memberId);
  if (!found) throw notFound("That member");
  const name = found.user.name ?? found.user.email;
  if (!can(found.member.role, "conversations.reply")) {
    throw new AppError("validation", `${name} is a Viewer and cannot be assigned conversations.`);
  }
  return { id: found.member.id, role: found.member.role, name };
}
