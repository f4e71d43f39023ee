import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox } from "@/db/schema/email";
import { extractLinks } from "./extract-links";

export { devMailboxEnabled } from "./transport";

export interface DevMailboxMessage {
  id: string;
  template: string;
  to: string;
  subject: string;
  text: string;
  createdAt: Date;
  sentAt: Date | null;
  /** The http(s) links in the email, in order, decoded so they can be followed as they are. */
  links: string[];
}

/** Mail "delivered" while RESEND_API_KEY was unset, newest first. */
export async function listDevMailbox(db: Database, limit = 50): Promise<DevMailboxMessage[]> {
  const rows = await db
    .select({
      id: emailOutbox.id,
      template: emailOutbox.template,
      to: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      text: emailOutbox.text,
      html: emailOutbox.html,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.transport, "dev-mailbox"))
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.sentAt))
    .limit(limit);
  return rows.map(({ html, ...row }) => ({ ...row, links: extractLinks(html) }));
}
