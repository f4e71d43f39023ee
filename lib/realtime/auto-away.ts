import "server-only";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { type Database, getDb } from "@/db/client";
import { members, workspaces } from "@/db/schema";
import { setMemberAvailability } from "@/lib/assignment/set-member-availability";

/** All of a member's tabs closed this long ago: they are away (where the workspace wants it). */
export const AWAY_AFTER_MS = 2 * 60_000;

/**
 * Online members with no live tab for two minutes become away, recorded like any status
 * change, so routing stops sending them conversations. Only members who had a live tab are
 * considered (one set online through the API without a browser stays online).
 */
export async function markAbsentMembersAway(db: Database, now = new Date()): Promise<number> {
  const absent = await db
    .select({ member: members, workspace: workspaces })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(
      and(
        eq(members.status, "online"),
        isNull(members.removedAt),
        eq(workspaces.autoAway, true),
        lt(members.lastSeenLiveAt, new Date(now.getTime() - AWAY_AFTER_MS)),
        // Not flipped back by hand since the tab closed.
        sql`(${members.statusChangedAt} is null or ${members.statusChangedAt} < ${members.lastSeenLiveAt})`,
      ),
    )
    .limit(200);
  for (const { member, workspace } of absent) {
    await setMemberAvailability(db, {
      workspace,
      memberId: member.id,
      actorMemberId: null,
      change: { status: "away" },
      now,
    });
  }
  return absent.length;
}

const store = globalThis as typeof globalThis & {
  __switchboardAutoAway?: ReturnType<typeof setInterval>;
};

export function startAutoAway(intervalMs = 30_000): void {
  if (store.__switchboardAutoAway) return;
  const timer = setInterval(
    () =>
      void getDb()
        .then((db) => markAbsentMembersAway(db))
        .catch((error: unknown) => console.error("[realtime] auto-away failed", error)),
    intervalMs,
  );
  timer.unref();
  store.__switchboardAutoAway = timer;
}
