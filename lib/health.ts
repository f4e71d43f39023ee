import "server-only";
import { sql } from "drizzle-orm";
import { databaseDriver, getConnection } from "@/db/client";

export interface Health {
  ok: boolean;
  database: { driver: string; reachable: boolean; latencyMs?: number; error?: string };
}

export async function checkHealth(timeoutMs = 3_000): Promise<Health> {
  const started = performance.now();
  try {
    const probe = (async () => {
      const connection = await getConnection();
      await connection.db.execute(sql`select 1`);
      return connection.driver;
    })();
    const timeout = new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref();
    });
    const driver = await Promise.race([probe, timeout]);
    const latencyMs = Math.round(performance.now() - started);
    return { ok: true, database: { driver, reachable: true, latencyMs } };
  } catch (error) {
    console.error("[health] database unreachable", error);
    return {
      ok: false,
      database: { driver: databaseDriver(), reachable: false, error: "database unreachable" },
    };
  }
}
