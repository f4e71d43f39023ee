import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members, users } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";

/**
 * An active member of this workspace whose role may reply; 404 / 422 otherwise. Call it under
 * the routing lock: a removal or role change holds that lock while it ends the membership
 * (lib/members/end-membership.ts), so a member read after taking it cannot be one whose removal
 * commits before this assignment does.
 */
export async function assignableMember(tx: Database, workspaceId: string, memberId: string) {
  const [row] = await tx
    .select({
      id: members.id,
      role: members.role,
      name: sql<string>`coalesce(${users.name}, ${users.email})`,
    })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(
      and(
        eq(members.id, memberId),
        eq(members.workspaceId, workspaceId),
        isNull(members.removedAt),
      ),
    );
  if (!row) throw notFound("That member");
  if (!can(row.role, "conversations.reply")) {
    throw new AppError(
      "validation",
      `${row.name} is a Viewer and cannot be assigned conversations.`,
    );
  }
  return row;
}
