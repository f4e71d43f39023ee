import "server-only";
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversations, type Workspace } from "@/db/schema";
import { drainQueue } from "./drain-queue";
import { findPool } from "./routing-pool";

/**
 * After a routing mode changed (the workspace's or a team's): conversations waiting in
 * Unassigned of a pool that now routes join the queue, oldest first, and are routed at once;
 * a pool that is now manual leaves its queue (they wait in Unassigned for a claim).
 * Runs in the transaction that changed the mode.
 */
export async function routingModeChanged(
  tx: Database,
  { workspace, teamId, now }: { workspace: Workspace; teamId: string | null; now: Date },
): Promise<number> {
  // Rows first, routing lock after (drainQueue): see the lock order in routing-lock.ts.
  const pool = await findPool(tx, workspace, teamId);
  const inPool = and(
    eq(conversations.workspaceId, workspace.id),
    teamId ? eq(conversations.teamId, teamId) : isNull(conversations.teamId),
  );
  if (pool.strategy) {
    await tx
      .update(conversations)
      .set({
        queuedAt: sql`coalesce(${conversations.waitingSince}, ${conversations.lastMessageAt})`,
      })
      .where(
        and(
          inPool,
          eq(conversations.status, "open"),
          isNull(conversations.assigneeId),
          isNull(conversations.agentSessionId),
          isNull(conversations.queuedAt),
          eq(conversations.assignmentDisabled, false),
          eq(conversations.kind, "direct"),
        ),
      );
  } else {
    await tx
      .update(conversations)
      .set({ queuedAt: null })
      .where(and(inPool, isNotNull(conversations.queuedAt)));
  }
  return (await drainQueue(tx, { workspace, now })).routed.length;
}

/** Someone joined a team (or got a role that may reply): the team's queue may move. */
export async function poolGrew(
  tx: Database,
  {
    workspace,
    now,
    actorMemberId = null,
  }: { workspace: Workspace; now: Date; actorMemberId?: string | null },
): Promise<number> {
  return (await drainQueue(tx, { workspace, actorMemberId, now })).routed.length;
}
