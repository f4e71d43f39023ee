import {
  constants,
  copyFileSync,
  linkSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { lockClasses } from "./advisory-locks";
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
  try {
    await applyMigrations(connection);
  } catch (error) {
    // Closed, lock and all: the next call opens afresh instead of a second PGlite on one
    // directory beside this one (or a pool nobody ends).
    await connection.close().catch(() => undefined);
    throw error;
  }
  return connection;
}

/**
 * `DATABASE_POOL_SIZE`: connections per instance, default 10. At least 2: one of them listens
 * for live updates for as long as the process runs.
 */
export function poolSizeFromEnv(raw = process.env.DATABASE_POOL_SIZE): number {
  if (raw === undefined || raw.trim() === "") return 10;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 2 || size > 1000) {
    throw new Error(
      `DATABASE_POOL_SIZE must be a whole number from 2 to 1000 (one connection listens for live updates), not "${raw}"`,
    );
  }
  return size;
}

async function openPostgres(url: string): Promise<Connection> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const pool = new Pool({
    connectionString: url,
    max: poolSizeFromEnv(),
    connectionTimeoutMillis: 5_000,
    // An idle LISTEN connection behind a NAT or load balancer is dropped without a word
    // unless the socket keeps talking.
    keepAlive: true,
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
        try {
          // Named, so an operator (or a test) can tell this process's listening connection apart.
          await client.query(`SET application_name = 'switchboard listen ${process.pid}'`);
          await client.query(`LISTEN "${channel}"`);
        } catch (error) {
          // Given back (and closed), or each retry would keep one more connection checked out.
          listeners.delete(client);
          if (current === client) current = null;
          client.release(error instanceof Error ? error : true);
          throw error;
        }
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
 * silently, so a lock file holds the owner's pid. It is created whole (the pid written to a
 * file of our own, then hard-linked into place, which fails if the lock exists), so nobody
 * ever reads an empty lock and takes it for a dead one. A lock left by a dead process is taken
 * over by one process at a time (under `<lock>.takeover`, made with mkdir, which only one
 * process can), so two starters cannot each remove the lock the other just took.
 */
function acquireLock(lockPath: string): void {
  const mine = `${lockPath}.${process.pid}.${Date.now()}`;
  writeFileSync(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        createExclusively(mine, lockPath);
        process.once("exit", () => releaseLock(lockPath));
        return;
      } catch (error) {
        if (!isErrnoException(error) || error.code !== "EEXIST") throw error;
      }
      const holder = lockHolder(lockPath);
      if (holder === process.pid) return;
      if (holder !== null && isProcessAlive(holder)) throw new DatabaseLockedError(holder);
      if (holder === null && !lockIsOld(lockPath)) {
        // Unreadable yet young: another process (an older version) may be writing it.
        sleepSync(50);
        continue;
      }
      takeOverDeadLock(lockPath, holder);
    }
    throw new Error(
      `the embedded database lock at ${lockPath} is being taken by another process; try again in a moment`,
    );
  } finally {
    rmSync(mine, { force: true });
  }
}

/** `target` as a copy of `source`, failing with EEXIST when it exists. */
function createExclusively(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch (error) {
    // A file system without hard links: an exclusive copy (whose content lands a moment after
    // the file, which readers wait out as a young unreadable lock).
    if (!isErrnoException(error) || !["EPERM", "ENOTSUP", "ENOSYS"].includes(error.code ?? "")) {
      throw error;
    }
    copyFileSync(source, target, constants.COPYFILE_EXCL);
  }
}

/** The pid a lock file names, or null when it is gone or does not name one. */
function lockHolder(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function lockIsOld(lockPath: string, ms = 5_000): boolean {
  try {
    return Date.now() - statSync(lockPath).mtimeMs > ms;
  } catch {
    return true;
  }
}

/** Removes the lock of a dead `holder`, if it is still theirs, one process at a time. */
function takeOverDeadLock(lockPath: string, holder: number | null): void {
  const guard = `${lockPath}.takeover`;
  try {
    mkdirSync(guard);
  } catch (error) {
    if (!isErrnoException(error) || error.code !== "EEXIST") throw error;
    // Someone else is taking it over (or died doing so long ago): wait, then look again.
    if (lockIsOld(guard)) rmSync(guard, { recursive: true, force: true });
    sleepSync(50);
    return;
  }
  try {
    if (lockHolder(lockPath) === holder) rmSync(lockPath, { force: true });
  } finally {
    rmSync(guard, { recursive: true, force: true });
  }
}

/** Blocks this thread briefly: the lock is taken once, at start, before anything runs. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
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
    await client.query("select pg_advisory_lock($1)", [lockClasses.migrations]);
    await migrate(drizzle({ client, casing: "snake_case" }), { migrationsFolder });
  } finally {
    await client
      .query("select pg_advisory_unlock($1)", [lockClasses.migrations])
      .catch(() => undefined);
    await client.end();
  }
}
