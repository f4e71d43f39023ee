import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";

/** The advisory-lock class of routing; the second key is the workspace. */
const ROUTING_LOCK_CLASS = 7204118;

/**
 * Serialises, per workspace, every transaction that reads or changes who can take a
 * conversation: routing decisions, claims, assignments, closes, status and capacity
 * changes. Held until commit, so a decision never reads a load another one is about to
 * change, and a member who becomes eligible always finds the conversations queued before.
 * Arrivals do not take it: they queue their conversation and commit, and a drain routes it
 * after (drain-queue.ts), a whole batch of waiting conversations per hold.
 *
 * Lock order: a transaction may hold conversation rows when it takes this lock; once it
 * holds it, it only takes further conversation rows with SKIP LOCKED, so the two never
 * wait on each other in a cycle. (A drain that must route a row another transaction held
 * locks that row first, then this lock: `routeAfterCommit`.)
 */
export async function lockRouting(tx: Database, workspaceId: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(${ROUTING_LOCK_CLASS}, hashtext(${workspaceId}))`,
  );
}
