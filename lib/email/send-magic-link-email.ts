import "server-only";
import { createElement } from "react";
import { getDb } from "@/db/client";
import { MagicLinkEmail, magicLinkSubject } from "@/emails/magic-link";
import { deliverPendingEmails } from "./deliver-pending-emails";
import { enqueueEmail } from "./enqueue-email";
import { EmailNotConfiguredError, emailTransport } from "./transport";

export class EmailDeliveryError extends Error {
  readonly code = "email_delivery_failed";
  constructor(message: string) {
    super(message);
    this.name = "EmailDeliveryError";
  }
}

/**
 * Auth.js's `sendVerificationRequest`. Queues the sign-in email and delivers it straight away,
 * so it is in the inbox (or the dev mailbox) by the time the "check your email" page shows.
 * A transient failure is left to the deliverer's retries; a refusal (bad address, unverified
 * sender) throws, so the sign-in form can say the email could not be sent.
 */
export async function sendMagicLinkEmail({
  to,
  url,
  expires,
}: {
  to: string;
  url: string;
  expires: Date;
}): Promise<void> {
  if (emailTransport().kind === "unconfigured") throw new EmailNotConfiguredError();
  const db = await getDb();
  const id = await enqueueEmail(db, {
    to,
    subject: magicLinkSubject,
    template: "magic-link",
    react: createElement(MagicLinkEmail, { url, expires }),
  });
  let failed = 0;
  try {
    ({ failed } = await deliverPendingEmails({ db, ids: [id] }));
  } catch (error) {
    console.error(`[email] sign-in email ${id} queued; sending it now failed`, error);
    return;
  }
  if (failed > 0) {
    throw new EmailDeliveryError(
      `the sign-in email ${id} was refused; see email_outbox.last_error`,
    );
  }
}
