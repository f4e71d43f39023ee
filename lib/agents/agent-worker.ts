import "server-only";
import type PgBoss from "pg-boss";
import type { Database } from "@/db/client";
import { expireAgentSessions } from "@/lib/assignment/agent-sessions";
import { getBoss, queues } from "@/lib/jobs/boss";
import { answerTurn, handOffStuckTurn, stalePendingTurns } from "./agent-turns";
import type { Responder } from "./responder";

/** How often sessions past their length are ended and lost turns re-sent. */
const SWEEP_MS = 30_000;
/** A turn still pending this long after it was written has lost its job (or its worker). */
const STALE_TURN_MS = 2 * 60_000;
/** A turn pending this long is handed to the humans by the sweep, not sent again. */
const ABANDON_MS = 60 * 60_000;

export interface AgentWorker {
  /** Stops taking jobs; the one in progress finishes. */
  stop: () => Promise<void>;
}

const globalStore = globalThis as typeof globalThis & { __switchboardAgentWorkers?: Set<string> };

/** Wakes this process's workers at once instead of at their next poll. */
export async function wakeAgentWorkers(boss: PgBoss): Promise<void> {
  for (const id of globalStore.__switchboardAgentWorkers ?? []) boss.notifyWorker(id);
}

/**
 * Answers agent turns from the `agent-reply` queue with the given responder, and sweeps: ends
 * expired sessions, re-sends turns whose job was lost. Every app instance may run one; jobs
 * go to one worker each, and a turn is answered once even when a job runs twice.
 */
export async function startAgentWorker({
  db,
  responder,
  boss: given,
  sweep = true,
}: {
  db: Database;
  responder: Responder;
  boss?: PgBoss;
  sweep?: boolean;
}): Promise<AgentWorker> {
  const boss = given ?? (await getBoss());
  const workerId = await boss.work<{ turnKey: string }>(
    queues.agentReply,
    { pollingIntervalSeconds: 0.5, batchSize: 1 },
    async (jobs) => {
      for (const job of jobs) await answerTurn(db, { key: job.data.turnKey, responder });
    },
  );
  globalStore.__switchboardAgentWorkers ??= new Set();
  globalStore.__switchboardAgentWorkers.add(workerId);
  const timer = sweep
    ? setInterval(() => {
        sweepOnce(db, boss).catch((error: unknown) =>
          console.error("[agents] sweep failed", error),
        );
      }, SWEEP_MS)
    : null;
  timer?.unref();
  return {
    async stop() {
      if (timer) clearInterval(timer);
      globalStore.__switchboardAgentWorkers?.delete(workerId);
      await boss.offWork({ id: workerId });
    },
  };
}

/**
 * Ends expired sessions and deals with turns left pending: a turn whose job is gone (lost
 * between commit and send) is sent again, all in one insert — a job still queued or running
 * under the customer message's id is kept, not queued twice; a turn whose job gave up (failed
 * after its retries) is handed to the humans, since its id is taken until pg-boss archives it.
 */
export async function sweepOnce(db: Database, boss: PgBoss, now = new Date()): Promise<void> {
  await expireAgentSessions(db, { now });
  const pending = await stalePendingTurns(db, { olderThanMs: STALE_TURN_MS, now });
  // Unanswered for an hour (the queue or the workers were down): a person takes over rather
  // than the customer getting a late answer, or none while the AI still owns the conversation.
  const abandoned = pending.filter((turn) => now.getTime() - turn.createdAt.getTime() > ABANDON_MS);
  for (const turn of abandoned) {
    await handOffStuckTurn(db, {
      key: turn.key,
      reason: "The AI agent could not answer within an hour; a person will take over.",
      now,
    });
  }
  const stale = pending.filter((turn) => !abandoned.includes(turn));
  if (stale.length === 0) return;
  const jobs = await Promise.all(
    stale.map((turn) =>
      turn.inboundMessageId ? boss.getJobById(queues.agentReply, turn.inboundMessageId) : null,
    ),
  );
  const resend = stale.filter((_, i) => !jobs[i]);
  if (resend.length > 0) {
    await boss.insert(
      resend.map((turn) => ({
        name: queues.agentReply,
        data: { turnKey: turn.key },
        ...(turn.inboundMessageId ? { id: turn.inboundMessageId } : {}),
      })),
    );
  }
  for (const [i, turn] of stale.entries()) {
    const state = jobs[i]?.state;
    if (state === "failed" || state === "cancelled" || state === "completed") {
      await handOffStuckTurn(db, {
        key: turn.key,
        reason: "The AI agent could not answer (its job failed); a person will take over.",
        now,
      });
    }
  }
}
