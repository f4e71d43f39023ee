import "server-only";
import { lockClasses, lockUntilCommit } from "@/db/advisory-locks";
import type { Database } from "@/db/client";

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
  await lockUntilCommit(tx, lockClasses.routing, workspaceId);
}

/**
 * A conversation arriving or reopening reads its pool's routing mode (the workspace's, a
 * team's) to decide whether it joins the queue; a mode change queues the pool's waiting
 * conversations. Without a lock between them, a conversation that arrived reading "manual"
 * and committed after a switch to routing had queued the others stayed in Unassigned for
 * good, with the mode on. So an arrival (and a member ending an AI session, which may route)
 * takes this lock shared before it reads any mode or locks any row — holding at most an
 * idempotency key's advisory lock, which no mode change waits for — and a mode change takes it
 * exclusively, first too: it waits for arrivals already reading the old mode to commit, so
 * its queueing sees them, and arrivals after it read the new mode. Held until commit.
 */
export async function lockRoutingModes(
  tx: Database,
  workspaceId: string,
  mode: "read" | "change",
): Promise<void> {
  await lockUntilCommit(
    tx,
    lockClasses.routingModes,
    workspaceId,
    mode === "read" ? "shared" : "exclusive",
  );
}
