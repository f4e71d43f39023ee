import { createHash } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Database } from "./client";

/** Rows of a raw query (drizzle types `execute` loosely across drivers). */
export async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** Renders SQL as the app's drizzle instances do (db/client.ts: snake_case columns). */
const dialect = new PgDialect({ casing: "snake_case" });

/**
 * A fragment without parameters (column lists, orders) rendered once, at load: rendering
 * drizzle's column objects again on every call is most of the cost of building a hot query.
 */
export function prerendered(fragment: SQL): SQL {
  const built = dialect.sqlToQuery(fragment);
  if (built.params.length > 0)
    throw new Error(`a prerendered fragment has parameters: ${built.sql}`);
  return sql.raw(built.sql);
}

/**
 * Rows of a raw query run as a named prepared statement, one per text and connection:
 * PostgreSQL plans it once instead of on every call, and the text is rendered once per call,
 * with no query builder or result mapping around it — for the inbox's hottest reads. The name
 * is `prefix` and a hash of the text. PGlite ignores the name.
 */
export async function preparedRows<T>(db: Database, prefix: string, query: SQL): Promise<T[]> {
  const built = dialect.sqlToQuery(query);
  const name = `${prefix}_${createHash("sha1").update(built.sql).digest("hex").slice(0, 24)}`;
  // Without selected fields, either driver's prepared query answers its raw result.
  const statement = db._.session.prepareQuery<{
    execute: { rows: T[] };
    all: unknown;
    values: unknown;
  }>(built, undefined, name, false);
  return (await statement.execute()).rows;
}
