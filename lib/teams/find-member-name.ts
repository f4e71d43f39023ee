import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { members, users } from "@/db/schema";
import { notFound } from "@/lib/errors";

/**
 * The display name of a member of this workspace; a member of another workspace (or, with
 * `activeOnly`, a removed one) answers 404.
 */
export async function findMemberName(
  tx: Transaction,
  {
    workspaceId,
    memberId,
    activeOnly,
  }: { workspaceId: string; memberId: string; activeOnly: boolean },
): Promise<string> {
  const [row] = await tx
    .select({ name: users.name, email: users.email })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(
      and(
        eq(members.id, memberId),
        eq(members.workspaceId, workspaceId),
        activeOnly ? isNull(members.removedAt) : undefined,
      ),
    )
    // Holds off a concurrent removal from the workspace until this change commits.
    .for("share", { of: members });
  if (!row) throw notFound("That member");
  return row.name ?? row.email;
}
