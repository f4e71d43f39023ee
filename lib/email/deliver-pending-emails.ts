import "server-only";
import { and, asc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { type Database, getDb } from "@/db/client";
import { type EmailTransport, emailOutbox, type OutboxEmail } from "@/db/schema/email";
import { exponentialBackoff, maxDeliveryAttempts } from "./backoff";
import { extractLinks } from "./extract-links";
import {
  createResendClient,
  type SendOutcome,
  sendTimeoutMs,
  sendWithResend,
} from "./send-with-resend";
import { type EmailTransportConfig, emailTransport } from "./transport";

export interface DeliverPendingEmailsOptions {
  db?: Database;
  /** The deliverer's clock; tests move it forward instead of waiting out the backoff. */
  now?: Date;
  /** Rows claimed in one run. */
  limit?: number;
  /** Delay in ms before try number `attempt + 1`, after `attempt` tries failed. */
  backoff?: (attempt: number) => number;
  /** Only these rows (when due): lets a request push its own email out without draining a backlog. */
  ids?: readonly string[];
}

export interface DeliveryCounts {
  sent: number;
  retried: number;
  failed: number;
}

const defaultLimit = 10;

/**
 * Delivers the outbox rows that are due: claims them in a short transaction (SKIP LOCKED, so
 * concurrent deliverers take disjoint rows), then sends each outside it. A claim is a lease:
 * if the deliverer dies, another one takes the row over once `lockedUntil` passes, and only
 * the holder of the current lease may record the outcome.
 */
export async function deliverPendingEmails(
  options: DeliverPendingEmailsOptions = {},
): Promise<DeliveryCounts> {
  const counts: DeliveryCounts = { sent: 0, retried: 0, failed: 0 };
  const transport = emailTransport();
  if (transport.kind === "unconfigured") {
    warnUnconfiguredOnce();
    return counts;
  }
  const db = options.db ?? (await getDb());
  const clock = () => options.now ?? new Date();
  const backoff = options.backoff ?? exponentialBackoff;
  const limit = options.limit ?? defaultLimit;
  const claimedAt = clock();
  // Long enough for every claimed row to run into the send timeout, one after another.
  const lease = new Date(claimedAt.getTime() + limit * sendTimeoutMs + 30_000);

  const claimed = await claimDueEmails(db, { now: claimedAt, lease, limit, ids: options.ids });
  const send = senderFor(transport);
  for (const email of claimed) {
    const outcome = await send(email, clock());
    const recorded = await recordOutcome(db, {
      email,
      lease,
      outcome,
      transport: transport.kind,
      now: clock(),
      backoff,
    });
    if (recorded) counts[recorded] += 1;
  }
  return counts;
}

async function claimDueEmails(
  db: Database,
  {
    now,
    lease,
    limit,
    ids,
  }: { now: Date; lease: Date; limit: number; ids: readonly string[] | undefined },
): Promise<OutboxEmail[]> {
  if (ids?.length === 0) return [];
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(
        and(
          or(
            and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now)),
            // A deliverer that claimed the row and then died.
            and(eq(emailOutbox.status, "sending"), lt(emailOutbox.lockedUntil, now)),
          ),
          ids ? inArray(emailOutbox.id, [...ids]) : undefined,
        ),
      )
      .orderBy(asc(emailOutbox.nextAttemptAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(emailOutbox)
      .set({
        status: "sending",
        lockedUntil: lease,
        attempts: sql`${emailOutbox.attempts} + 1`,
      })
      .where(
        inArray(
          emailOutbox.id,
          due.map((row) => row.id),
        ),
      )
      .returning();
  });
}

/** Stores the result of one send; returns which count it adds to, or null if the lease was lost. */
async function recordOutcome(
  db: Database,
  {
    email,
    lease,
    outcome,
    transport,
    now,
    backoff,
  }: {
    email: OutboxEmail;
    lease: Date;
    outcome: SendOutcome;
    transport: EmailTransport;
    now: Date;
    backoff: (attempt: number) => number;
  },
): Promise<keyof DeliveryCounts | null> {
  const update = outcomeUpdate({ email, outcome, transport, now, backoff });
  const owned = await db
    .update(emailOutbox)
    .set({ ...update.values, lockedUntil: null })
    .where(
      and(
        eq(emailOutbox.id, email.id),
        eq(emailOutbox.status, "sending"),
        eq(emailOutbox.lockedUntil, lease),
      ),
    )
    .returning({ id: emailOutbox.id });
  if (owned.length === 0) {
    // Another deliverer took the row over after our lease ran out. It sends with the same
    // idempotency key, so the recipient still gets one email; its outcome is the one kept.
    console.warn(`[email] lease on ${email.id} expired before its outcome was recorded`);
    return null;
  }
  if (update.count === "failed") {
    console.error(
      `[email] giving up on ${email.id} (${email.template}): ${update.values.lastError}`,
    );
  }
  return update.count;
}

function outcomeUpdate({
  email,
  outcome,
  transport,
  now,
  backoff,
}: {
  email: OutboxEmail;
  outcome: SendOutcome;
  transport: EmailTransport;
  now: Date;
  backoff: (attempt: number) => number;
}): { count: keyof DeliveryCounts; values: Partial<typeof emailOutbox.$inferInsert> } {
  switch (outcome.kind) {
    case "sent":
      return {
        count: "sent",
        values: {
          status: "sent",
          transport,
          providerMessageId: outcome.providerMessageId,
          sentAt: now,
          lastError: null,
        },
      };
    case "failed":
      return { count: "failed", values: { status: "failed", transport, lastError: outcome.error } };
    case "retry": {
      // `attempts` already counts this try: the claim increments it.
      if (email.attempts >= maxDeliveryAttempts) {
        return {
          count: "failed",
          values: {
            status: "failed",
            transport,
            lastError: `gave up after ${email.attempts} attempts: ${outcome.error}`,
          },
        };
      }
      const delayMs = outcome.retryAfterMs ?? backoff(email.attempts);
      return {
        count: "retried",
        values: {
          status: "pending",
          nextAttemptAt: new Date(now.getTime() + delayMs),
          lastError: outcome.error,
        },
      };
    }
  }
}

function senderFor(
  transport: Exclude<EmailTransportConfig, { kind: "unconfigured" }>,
): (email: OutboxEmail, now: Date) => Promise<SendOutcome> {
  if (transport.kind === "dev-mailbox") return async (email) => deliverToDevMailbox(email);
  const client = createResendClient(transport);
  return (email, now) => sendWithResend(client, { email, from: transport.from, now });
}

/** Without a Resend key, mail is only recorded; the log line makes a sign-in link clickable. */
function deliverToDevMailbox(email: OutboxEmail): SendOutcome {
  const [link] = extractLinks(email.html);
  console.info(
    `[email] dev mailbox: "${email.subject}" to ${email.toAddress}` +
      (link ? `\n        ${link}` : "") +
      "\n        (all mail: /dev/mailbox)",
  );
  return { kind: "sent", providerMessageId: null };
}

const warned = globalThis as typeof globalThis & { __switchboardEmailUnconfiguredWarned?: boolean };

function warnUnconfiguredOnce(): void {
  if (warned.__switchboardEmailUnconfiguredWarned) return;
  warned.__switchboardEmailUnconfiguredWarned = true;
  console.error(
    "[email] RESEND_API_KEY is not set in production: outgoing email stays queued until it is " +
      "(DEV_MAILBOX=true records it in /dev/mailbox instead, for test deployments only).",
  );
}
