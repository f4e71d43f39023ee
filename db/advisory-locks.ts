import { sql } from "drizzle-orm";
import type { Database } from "./client";

/**
 * Every PostgreSQL advisory-lock class the app takes, in one list: two features that picked the
 * same number would make unrelated requests wait on each other whenever their keys' hashes met.
 */
export const lockClasses = {
  /** Applying migrations, one instance at a time (a session lock, db/client.ts). */
  migrations: 7204117,
  /** A workspace's routing decisions (lib/assignment/routing-lock.ts). */
  routing: 7204118,
  /** A workspace's routing modes, read shared and changed exclusively (same file). */
  routingModes: 7204119,
  /** Sign-in links to one address: counted and queued one at a time. */
  magicLink: 7204120,
  /** An inbound message's Idempotency-Key in a workspace. */
  idempotencyKey: 7204121,
} as const;

/**
 * Takes the advisory lock of `lockClass` for `key` (hashed) until the transaction ends:
 * exclusive, or shared with other shared holders.
 */
export async function lockUntilCommit(
  tx: Database,
  lockClass: (typeof lockClasses)[keyof typeof lockClasses],
  key: string,
  mode: "exclusive" | "shared" = "exclusive",
): Promise<void> {
  await tx.execute(
    mode === "shared"
      ? sql`select pg_advisory_xact_lock_shared(${lockClass}, hashtext(${key}))`
      : sql`select pg_advisory_xact_lock(${lockClass}, hashtext(${key}))`,
  );
}
