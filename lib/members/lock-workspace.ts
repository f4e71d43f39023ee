import "server-only";
import { and, count, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations, members, type Workspace, workspaces } from "@/db/schema";
import { notFound } from "@/lib/errors";
import type { SeatUsage } from "./seats";

/**
 * Locks the workspace row (FOR NO KEY UPDATE, so rows that merely reference the workspace can
 * still be inserted by a routing transaction) for the rest of the transaction. Everything that counts seats or
 * Admins takes this lock first, so concurrent invites, role changes and removals cannot
 * each see room that only one of them may use. Team renames and deletes take it first too:
 * they raise the workspace's directory version (migration 0017), an update of this row.
 */
export async function lockWorkspace(tx: Database, workspaceId: string): Promise<Workspace> {
  const [workspace] = await tx
    .select()
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .for("no key update");
  if (!workspace) throw notFound("That workspace");
  return workspace;
}

export async function countSeats(
  db: Database,
  workspaceId: string,
  now = new Date(),
): Promise<SeatUsage> {
  const [[memberRow], [pendingRow]] = await Promise.all([
    db
      .select({ n: count() })
      .from(members)
      .where(and(eq(members.workspaceId, workspaceId), isNull(members.removedAt))),
    db
      .select({ n: count() })
      .from(invitations)
      .where(
        and(
          eq(invitations.workspaceId, workspaceId),
          eq(invitations.status, "pending"),
          gt(invitations.expiresAt, now),
        ),
      ),
  ]);
  return { members: memberRow?.n ?? 0, pending: pendingRow?.n ?? 0 };
}

export async function countAdmins(db: Database, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(members)
    .where(
      and(
        eq(members.workspaceId, workspaceId),
        eq(members.role, "admin"),
        isNull(members.removedAt),
      ),
    );
  return row?.n ?? 0;
}
