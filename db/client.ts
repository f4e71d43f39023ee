import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { dataDir } from "./secret";

export { dataDir };

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DatabaseDriver = "postgres" | "pglite";

export interface Connection {
  db: Database;
  driver: DatabaseDriver;
  close: () => Promise<void>;
  /**
   * Runs `LISTEN channel`; resolves to an unsubscribe function. A dropped listening connection
   * is replaced; `onResume` runs once listening again, since notifications sent meanwhile
   * were never heard.
   */
  listen: (
    channel: string,
    onPayload: (payload: string) => void,
    onResume?: () => void,
  ) => Promise<() => Promise<void>>;
  /**
   * Raw SQL for pg-boss's `db` option: parameterised statements go through the driver's
   * query; parameterless ones may hold several statements (pg-boss's migrations).
   */
  executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;
}

export class DatabaseLockedError extends Error {
  constructor(readonly pid: number) {
    super(`the embedded database is in use by process ${pid}; stop it or set DATABASE_URL`);
    this.name = "DatabaseLockedError";
  }
}

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export function databaseDriver(): DatabaseDriver {
  return process.env.DATABASE_URL ? "postgres" : "pglite";
}

// Module instances are not shared between Next's bundles (instrumentation, route
// handlers, server components), but globalThis is: one connection per process.
const globalStore = globalThis as typeof globalThis & {
  __switchboardConnection?: Promise<Connection>;
};

export function getConnection(): Promise<Connection> {
  globalStore.__switchboardConnection ??= openConnection().catch((error: unknown) => {
    globalStore.__switchboardConnection = undefined;
    throw error;
  });
  return globalStore.__switchboardConnection;
}

export async function getDb(): Promise<Database> {
  return (await getConnection()).db;
}

export async function closeDb(): Promise<void> {
  const pending = globalStore.__switchboardConnection;
  globalStore.__switchboardConnection = undefined;
  if (pending) await (await pending).close();
}

async function openConnection(): Promise<Connection> {
  const url = process.env.DATABASE_URL;
  const connection = url ? await openPostgres(url) : await openPglite(dataDir());
  await applyMigrations(connection);
  return connection;
}

async function openPostgres(url: string): Promise<Connection> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: 5_000,
  });
  pool.on("error", (error) => console.error("[db] idle client error", error));
  const db = drizzle({ client: pool, schema, casing: "snake_case" });
  // Listening clients stay checked out; closing releases them first, or pool.end() would wait.
  const listeners = new Set<import("pg").PoolClient>();
  return {
    db,
    driver: "postgres",
    async executeSql(text, values) {
      const result = await pool.query(text, values);
      // A multi-statement text answers one result per statement; pg-boss reads the last.
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: last?.rows ?? [] };
    },
    async close() {
      for (const client of listeners) client.release(true);
      listeners.clear();
      await pool.end();
    },
    async listen(channel, onPayload, onResume) {
      let stopped = false;
      let current: import("pg").PoolClient | null = null;
      // The listening connection may drop (server restart, network): log it and listen again
      // on a fresh one instead of letting an unhandled 'error' take the process down.
      const connect = async (): Promise<void> => {
        const client = await pool.connect();
        current = client;
        listeners.add(client);
        client.on("notification", (message) => {
          if (message.channel === channel) onPayload(message.payload ?? "");
        });
        client.on("error", (error) => {
          console.error(`[db] LISTEN ${channel} connection lost; listening again`, error);
          listeners.delete(client);
          client.release(error);
          if (current === client) current = null;
          if (stopped) return;
          const retry = () =>
            connect()
              .then(() => onResume?.())
              .catch((again: unknown) => {
                console.error(`[db] LISTEN ${channel} failed; retrying`, again);
                if (!stopped) setTimeout(retry, 1_000).unref();
              });
          setTimeout(retry, 250).unref();
        });
        // Named, so an operator (or a test) can tell this process's listening connection apart.
        await client.query(`SET application_name = 'switchboard listen ${process.pid}'`);
        await client.query(`LISTEN "${channel}"`);
      };
      await connect();
      return async () => {
        stopped = true;
        const client = current;
        if (!client || !listeners.delete(client)) return;
        await client.query(`UNLISTEN "${channel}"`);
        client.release();
      };
    },
  };
}

async function openPglite(dir: string): Promise<Connection> {
  mkdirSync(dir, { recursive: true });
  const lockPath = path.join(dir, "pglite.lock");
  acquireLock(lockPath);
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const { drizzle } = await import("drizzle-orm/pglite");
    const client = await PGlite.create({
      dataDir: path.join(dir, "pglite"),
      extensions: { pg_trgm },
    });
    const db = drizzle({ client, schema, casing: "snake_case" });
    return {
      db,
      driver: "pglite",
      async executeSql(text, values) {
        // PGlite's extended protocol refuses several statements in one text, and pg-boss's
        // parameterless calls carry its multi-statement migrations: those go through exec.
        if (values && values.length > 0) return { rows: (await client.query(text, values)).rows };
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      },
      async close() {
        await client.close();
        releaseLock(lockPath);
      },
      async listen(channel, onPayload) {
        return client.listen(channel, onPayload);
      },
    };
  } catch (error) {
    releaseLock(lockPath);
    throw error;
  }
}

/**
 * PGlite has no lock between processes and a second opener corrupts the data directory
 * silently, so a lock file holds the owner's pid. A lock left by a dead process is taken over.
 */
function acquireLock(lockPath: string): void {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      process.once("exit", () => releaseLock(lockPath));
      return;
    } catch (error) {
      if (!isErrnoException(error) || error.code !== "EEXIST") throw error;
    }
    const holder = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
    if (holder === process.pid) return;
    if (Number.isInteger(holder) && holder > 0 && isProcessAlive(holder)) {
      throw new DatabaseLockedError(holder);
    }
    rmSync(lockPath, { force: true });
  }
  throw new Error(`could not take the embedded database lock at ${lockPath}`);
}

function releaseLock(lockPath: string): void {
  try {
    if (Number.parseInt(readFileSync(lockPath, "utf8"), 10) === process.pid) rmSync(lockPath);
  } catch {
    // Already gone: nothing to release.
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrnoException(error) && error.code === "EPERM";
  }
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && "code" in error;
}

async function applyMigrations(connection: Connection): Promise<void> {
  if (connection.driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // The migrator only needs `dialect` and `session`, which every PgDatabase has.
    await migrate(connection.db as Parameters<typeof migrate>[0], { migrationsFolder });
    return;
  }
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { Client } = await import("pg");
  // Several app instances may start at once: an advisory lock lets one migrate at a time.
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock(7204117)");
    await migrate(drizzle({ client, casing: "snake_case" }), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock(7204117)").catch(() => undefined);
    await client.end();
  }
}
