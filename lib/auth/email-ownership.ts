import "server-only";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";

/**
 * Someone just proved they own this account's email (they opened a sign-in link sent to it).
 * If the account was never verified and has a password, whoever chose that password never
 * proved they own the address — it may have been set up by someone else, waiting for an
 * invitation to that address to be accepted into it (account pre-hijacking). So the password
 * is removed (sign in by link, or sign up again) and every session signed in before now stops
 * counting (`sessionRevoked`). An account already verified is left alone. Returns whether it
 * reset anything.
 */
export async function claimEmailOwnership(
  db: Database,
  { userId, now = new Date() }: { userId: string; now?: Date },
): Promise<boolean> {
  const reset = await db
    .update(users)
    .set({ passwordHash: null, sessionsValidAfter: now })
    .where(and(eq(users.id, userId), isNull(users.emailVerified), isNotNull(users.passwordHash)))
    .returning({ id: users.id });
  return reset.length > 0;
}

/**
 * Whether a session that signed in at `signedInAt` (ms) no longer counts: its user is gone, or
 * their sessions were revoked after it began.
 */
export async function sessionRevoked(
  db: Database,
  { userId, signedInAt }: { userId: string; signedInAt: number },
): Promise<boolean> {
  const [user] = await db
    .select({ validAfter: users.sessionsValidAfter })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return true;
  return user.validAfter !== null && signedInAt < user.validAfter.getTime();
}
