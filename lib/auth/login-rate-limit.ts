import "server-only";
import { and, count, eq, gt, lt, min } from "drizzle-orm";
import type { Database } from "@/db/client";
import { loginAttempts } from "@/db/schema";
import { AppError } from "@/lib/errors";

export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

interface AttemptKey {
  email: string;
  ip: string;
  now?: Date;
}

/**
 * Starts a sign-in attempt: records it as a failure first, then counts, so attempts made in
 * parallel all count against each other (counting first let 200 parallel guesses all pass a
 * limit of 10). Refused — and the record taken back — when the email or the IP address
 * already has LOGIN_FAILURE_LIMIT failures in the window; the caller clears the record when
 * the password turns out right (`clearLoginFailures`). Kept in the database so the limit holds
 * across app instances.
 */
export async function beginLoginAttempt(
  db: Database,
  { email, ip, now = new Date() }: AttemptKey,
): Promise<void> {
  const [attempt] = await db
    .insert(loginAttempts)
    .values({ email, ip, createdAt: now })
    .returning({ id: loginAttempts.id });
  if (!attempt) throw new Error("login attempt insert returned nothing");
  if (Math.random() * SWEEP_EVERY < 1) await sweepLoginAttempts(db, now);
  try {
    await assertLoginAllowed(db, { email, ip, now }, 1);
  } catch (error) {
    await db.delete(loginAttempts).where(eq(loginAttempts.id, attempt.id));
    throw error;
  }
}

/**
 * Refuses a sign-in when the email or the IP address has failed LOGIN_FAILURE_LIMIT times
 * within the window (`own`: attempts of the caller's already among them, not to count).
 */
export async function assertLoginAllowed(
  db: Database,
  { email, ip, now = new Date() }: AttemptKey,
  own = 0,
) {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const [byEmail, byIp] = await Promise.all(
    [eq(loginAttempts.email, email), eq(loginAttempts.ip, ip)].map(async (match) => {
      const [row] = await db
        .select({ failures: count(), oldest: min(loginAttempts.createdAt) })
        .from(loginAttempts)
        .where(and(match, gt(loginAttempts.createdAt, since)));
      return row;
    }),
  );
  const blocking = [byEmail, byIp].filter(
    (row): row is { failures: number; oldest: Date } =>
      row !== undefined && row.failures - own >= LOGIN_FAILURE_LIMIT && row.oldest !== null,
  );
  if (blocking.length === 0) return;
  const unblockAt = Math.max(...blocking.map((row) => row.oldest.getTime() + LOGIN_WINDOW_MS));
  const minutes = Math.max(1, Math.ceil((unblockAt - now.getTime()) / 60_000));
  throw new AppError(
    "rate_limited",
    `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  );
}

export async function recordLoginFailure(
  db: Database,
  { email, ip, now = new Date() }: AttemptKey,
) {
  await db.insert(loginAttempts).values({ email, ip, createdAt: now });
}

/** One attempt in this many also deletes failures older than the window. */
const SWEEP_EVERY = 50;

/** Deletes failures no limit counts any more (the table kept every failure ever). */
export async function sweepLoginAttempts(db: Database, now = new Date()): Promise<void> {
  await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.createdAt, new Date(now.getTime() - LOGIN_WINDOW_MS)));
}

/** A successful sign-in forgives the email's earlier failures (not the address's). */
export async function clearLoginFailures(db: Database, email: string) {
  await db.delete(loginAttempts).where(eq(loginAttempts.email, email));
}
