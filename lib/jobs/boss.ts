import "server-only";
import PgBoss from "pg-boss";
import { getConnection } from "@/db/client";

/**
 * Background jobs: pg-boss on the app's own database (PostgreSQL or embedded PGlite), through
 * the connection's `executeSql`, so jobs commit and survive restarts like everything else.
 * One started instance per process.
 */

export const queues = {
  /** An AI agent answers one customer message (data: `{ turnKey }`). */
  agentReply: "agent-reply",
} as const;

const globalStore = globalThis as typeof globalThis & { __switchboardBoss?: Promise<PgBoss> };

export function getBoss(): Promise<PgBoss> {
  globalStore.__switchboardBoss ??= startBoss().catch((error: unknown) => {
    globalStore.__switchboardBoss = undefined;
    throw error;
  });
  return globalStore.__switchboardBoss;
}

async function startBoss(): Promise<PgBoss> {
  const connection = await getConnection();
  const boss = new PgBoss({
    db: { executeSql: (text, values) => connection.executeSql(text, values) },
    schema: "pgboss",
    // Cron schedules are not used; maintenance (expiring and archiving jobs) is.
    schedule: false,
  });
  boss.on("error", (error) => console.error("[jobs]", error));
  await boss.start();
  await boss.createQueue(queues.agentReply, {
    name: queues.agentReply,
    retryLimit: 3,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds: 180,
  });
  return boss;
}

export async function stopBoss(): Promise<void> {
  const pending = globalStore.__switchboardBoss;
  globalStore.__switchboardBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, wait: true, timeout: 10_000 });
}
