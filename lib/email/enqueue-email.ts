import "server-only";
import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { emailOutbox } from "@/db/schema/email";
import { AppError } from "@/lib/errors";

export interface EnqueueEmailInput {
  to: string;
  subject: string;
  /** Which template wrote it (kebab-case, e.g. "magic-link"); kept for logs and provider tags. */
  template: string;
  react: ReactElement;
  /** What it is about, when a later change may withdraw it (`cancelQueuedEmails`). */
  topic?: string;
}

const inputSchema = z.object({
  to: z.string().trim().pipe(z.email()),
  subject: z.string().trim().min(1).max(998),
  template: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/),
});

/**
 * Writes an email to the outbox through `db`, which may be the caller's transaction: the
 * email then exists only if the caller's change commits. Delivery happens afterwards (call
 * `kickEmailDelivery()` once committed). Returns the row id, which is also the idempotency key.
 */
export async function enqueueEmail(
  db: Database | Transaction,
  input: EnqueueEmailInput,
): Promise<string> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? "input");
    const message =
      field === "to"
        ? `"${input.to}" is not a valid email address.`
        : `Cannot queue the "${input.template}" email: ${field}: ${issue?.message ?? "invalid"}.`;
    throw new AppError("validation", message, { [field]: message });
  }
  const { to, subject, template } = parsed.data;
  const [html, text] = await Promise.all([
    render(input.react),
    render(input.react, { plainText: true }),
  ]);
  const [row] = await db
    .insert(emailOutbox)
    // The app's clock, not the database's, decides when a row is due (see deliverPendingEmails).
    .values({
      template,
      topic: input.topic ?? null,
      toAddress: to,
      subject,
      html,
      text,
      nextAttemptAt: new Date(),
    })
    .returning({ id: emailOutbox.id });
  if (!row) throw new Error("inserting into email_outbox returned no row");
  return row.id;
}
