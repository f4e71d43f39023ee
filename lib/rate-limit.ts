import "server-only";
import { and, count, eq, gt, lt, min } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rateLimitHits } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** The longest window a limit may use: older hits are swept away, whatever their key. */
export const RATE_LIMIT_MAX_WINDOW_MS = 60 * 60 * 1000;
/** One hit in this many also sweeps expired hits, so the table stays small without a job. */
const SWEEP_EVERY = 50;

export interface RateLimit {
  /** What is limited, e.g. "widget:ip:203.0.113.7". */
  key: string;
  limit: number;
  windowMs: number;
  /** Named in the refusal: "Too many messages. Wait 12 seconds and try again." */
  noun?: string;
  now?: Date;
}

/**
 * Counts one hit against `key` and refuses it when the window already holds `limit` hits.
 * Kept in the database so the limit holds across app instances. The hit is written before
 * counting, so two racing requests cannot both slip under the limit; a refused hit is taken
 * back, so a client that keeps retrying is let in again once the window moves on.
 */
export async function hitRateLimit(
  db: Database,
  { key, limit, windowMs, noun = "requests", now = new Date() }: RateLimit,
): Promise<void> {
  if (windowMs > RATE_LIMIT_MAX_WINDOW_MS) {
    throw new Error(`rate limit window for ${key} exceeds RATE_LIMIT_MAX_WINDOW_MS`);
  }
  const since = new Date(now.getTime() - windowMs);
  const [hit] = await db
    .insert(rateLimitHits)
    .values({ key, createdAt: now })
    .returning({ id: rateLimitHits.id });
  if (!hit) throw new Error("rate limit insert returned nothing");
  const [row] = await db
    .select({ hits: count(), oldest: min(rateLimitHits.createdAt) })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.key, key), gt(rateLimitHits.createdAt, since)));
  if (Math.random() * SWEEP_EVERY < 1) await sweepRateLimitHits(db, now);
  if (!row || row.hits <= limit) return;

  await db.delete(rateLimitHits).where(eq(rateLimitHits.id, hit.id));
  const oldest = row.oldest ?? now;
  const seconds = Math.max(1, Math.ceil((oldest.getTime() + windowMs - now.getTime()) / 1000));
  throw new AppError(
    "rate_limited",
    `Too many ${noun}. Wait ${seconds} second${seconds === 1 ? "" : "s"} and try again.`,
  );
}

/** Deletes hits older than the longest window; no limit can still count them. */
export async function sweepRateLimitHits(db: Database, now = new Date()): Promise<void> {
  await db
    .delete(rateLimitHits)
    .where(lt(rateLimitHits.createdAt, new Date(now.getTime() - RATE_LIMIT_MAX_WINDOW_MS)));
}
