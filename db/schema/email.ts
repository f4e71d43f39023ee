import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sealedText } from "../sealed-text";

/** `cancelled`: superseded before it went out (a revoked or resent invitation's link). */
export const outboxStatuses = ["pending", "sending", "sent", "failed", "cancelled"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];
export const outboxStatusEnum = pgEnum("email_outbox_status", outboxStatuses);

export const emailTransports = ["resend", "dev-mailbox"] as const;
export type EmailTransport = (typeof emailTransports)[number];

/**
 * Every outgoing email. Rows are written inside the caller's transaction and delivered
 * after commit; the row id is the provider's idempotency key, so a retried send never
 * reaches the recipient twice.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    template: text().notNull(),
    /**
     * What the email is about when a later change can make it wrong before it goes out, e.g.
     * `invitation:<id>`: `cancelQueuedEmails` withdraws the topic's undelivered emails.
     */
    topic: text(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    // Sealed: sign-in and invitation links in them are live credentials.
    html: sealedText().notNull(),
    text: sealedText().notNull(),
    status: outboxStatusEnum().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** While `sending`, the row belongs to one deliverer until this moment. */
    lockedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    transport: text().$type<EmailTransport>(),
    providerMessageId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_topic_idx")
      .on(t.topic)
      .where(sql`${t.topic} is not null and ${t.status} in ('pending', 'sending')`),
  ],
);
export type OutboxEmail = typeof emailOutbox.$inferSelect;
export type NewOutboxEmail = typeof emailOutbox.$inferInsert;
