import "server-only";
import { and, count, eq, gt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { AppError } from "@/lib/errors";

export const MAGIC_LINK_LIMIT = 5;
const WINDOW_MS = 15 * 60 * 1000;

/** Whether another sign-in link may go to this address: at most five per 15 minutes. */
export async function magicLinkAllowed(db: Database, email: string, now = new Date()) {
  const [row] = await db
    .select({ sent: count() })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.toAddress, email),
        eq(emailOutbox.template, "magic-link"),
        gt(emailOutbox.createdAt, new Date(now.getTime() - WINDOW_MS)),
      ),
    );
  return (row?.sent ?? 0) < MAGIC_LINK_LIMIT;
}

/** `magicLinkAllowed`, refused with a message, so nobody can mail-bomb an address. */
export async function assertMagicLinkAllowed(db: Database, email: string, now = new Date()) {
  if (!(await magicLinkAllowed(db, email, now))) {
    throw new AppError(
      "rate_limited",
      "We already sent several sign-in links to this address. Use the newest one, or try again in 15 minutes.",
    );
  }
}
