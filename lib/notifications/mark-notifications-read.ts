import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notifications } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { emit } from "@/lib/realtime/emit";

/**
 * Marks one notification (or, without an id, all of them — up to `upTo`, the newest the member
 * was shown, when given) read; only the member's own — an id that is not theirs answers not
 * found.
 */
export async function markNotificationsRead(
  db: Database,
  {
    workspaceId,
    memberId,
    notificationId,
    upTo,
    now = new Date(),
  }: {
    workspaceId: string;
    memberId: string;
    notificationId?: string;
    upTo?: Date;
    now?: Date;
  },
): Promise<number> {
  const marked = await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.memberId, memberId),
        isNull(notifications.readAt),
        notificationId ? eq(notifications.id, notificationId) : undefined,
        // The browser was shown times to the millisecond; the database keeps microseconds.
        !notificationId && upTo
          ? sql`date_trunc('milliseconds', ${notifications.createdAt}) <= ${upTo}`
          : undefined,
      ),
    )
    .returning({ id: notifications.id });
  if (notificationId && marked.length === 0) {
    // Already read is fine; someone else's (or another workspace's) notification does not exist.
    const [own] = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.id, notificationId), eq(notifications.memberId, memberId)));
    if (!own) throw notFound("That notification");
  }
  if (marked.length > 0) {
    // The member's other tabs update their bell too.
    await emit(db, {
      workspaceId,
      audience: { kind: "members", memberIds: [memberId] },
      event: { type: "notifications.read" },
    });
  }
  return marked.length;
}
