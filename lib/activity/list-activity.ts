import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { activityLog, members, users } from "@/db/schema";

export const ACTIVITY_PAGE_SIZE = 25;

/**
 * Newest first, keyset-paginated by (createdAt, id): `after` is the id of the last row of the
 * page before. The comparison runs in SQL, at the database's microsecond precision.
 */
export async function listActivity(
  db: Database,
  {
    workspaceId,
    after,
    limit = ACTIVITY_PAGE_SIZE,
  }: { workspaceId: string; after?: string; limit?: number },
) {
  const rows = await db
    .select({
      id: activityLog.id,
      type: activityLog.type,
      data: activityLog.data,
      createdAt: activityLog.createdAt,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(activityLog)
    .leftJoin(members, eq(members.id, activityLog.actorMemberId))
    .leftJoin(users, eq(users.id, members.userId))
    .where(
      and(
        eq(activityLog.workspaceId, workspaceId),
        after
          ? sql`(${activityLog.createdAt}, ${activityLog.id}) < (select a.created_at, a.id from activity_log a where a.id = ${after} and a.workspace_id = ${workspaceId})`
          : undefined,
      ),
    )
    .orderBy(desc(activityLog.createdAt), desc(activityLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page,
    next: rows.length > limit && last ? last.id : null,
  };
}
export type ActivityEntry = Awaited<ReturnType<typeof listActivity>>["entries"][number];
