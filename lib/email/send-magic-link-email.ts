import "server-only";
import { createElement } from "react";
import { lockClasses, lockUntilCommit } from "@/db/advisory-locks";
import { getDb } from "@/db/client";
import { MagicLinkEmail, magicLinkSubject } from "@/emails/magic-link";
import { magicLinkAllowed } from "@/lib/auth/magic-link-limit";
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
 * sender) throws, so the sign-in form can say the email could not be sent. False, and nothing
 * sent, when the address already had its `MAGIC_LINK_LIMIT` links: checked and queued under a
 * lock per address, so requests made at once cannot all pass the count.
 */
export async function sendMagicLinkEmail({
  to,
  url,
  expires,
}: {
  to: string;
  url: string;
  expires: Date;
}): Promise<boolean> {
  if (emailTransport().kind === "unconfigured") throw new EmailNotConfiguredError();
  const db = await getDb();
  const id = await db.transaction(async (tx) => {
    await lockUntilCommit(tx, lockClasses.magicLink, to.toLowerCase());
    if (!(await magicLinkAllowed(tx, to))) return null;
    return enqueueEmail(tx, {
      to,
      subject: magicLinkSubject,
      template: "magic-link",
      react: createElement(MagicLinkEmail, { url, expires }),
    });
  });
  if (id === null) return false;
  let failed = 0;
  try {
    ({ failed } = await deliverPendingEmails({ db, ids: [id] }));
  } catch (error) {
    console.error(`[email] sign-in email ${id} queued; sending it now failed`, error);
    return true;
  }
  if (failed > 0) {
    throw new EmailDeliveryError(
      `the sign-in email ${id} was refused; see email_outbox.last_error`,
    );
  }
  return true;
}
