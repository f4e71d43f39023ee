import "server-only";
import { and, eq, inArray, lt, or } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { emailOutbox } from "@/db/schema/email";

/** The outbox topic of an invitation's emails: each send carries its current link. */
export const invitationTopic = (invitationId: string) => `invitation:${invitationId}`;

/**
 * Withdraws the undelivered emails about `topics` (see `emailOutbox.topic`), in the caller's
 * transaction: a revoked invitation's email, or the one a resend replaced, must not reach the
 * invitee later with a dead link (it may still wait in the outbox while the provider is
 * unreachable or its key is wrong). Rows a deliverer holds under a live lease are being
 * sent right now and cannot be called back; an expired lease is a dead deliverer's, and
 * `recordOutcome` keeps only the current lease holder's outcome, so those are withdrawn too.
 * Returns how many were withdrawn.
 */
export async function cancelQueuedEmails(
  tx: Database | Transaction,
  { topics, reason, now }: { topics: readonly string[]; reason: string; now: Date },
): Promise<number> {
  if (topics.length === 0) return 0;
  const withdrawn = await tx
    .update(emailOutbox)
    .set({ status: "cancelled", lockedUntil: null, lastError: reason })
    .where(
      and(
        inArray(emailOutbox.topic, [...topics]),
        or(
          eq(emailOutbox.status, "pending"),
          and(eq(emailOutbox.status, "sending"), lt(emailOutbox.lockedUntil, now)),
        ),
      ),
    )
    .returning({ id: emailOutbox.id });
  return withdrawn.length;
}
