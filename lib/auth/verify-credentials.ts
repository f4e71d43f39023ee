import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type User, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { beginLoginAttempt, clearLoginFailures } from "./login-rate-limit";
import { verifyPassword } from "./password";
import type { SignInInput } from "./schemas";

export const WRONG_CREDENTIALS = "Wrong email or password.";

/**
 * Checks an email and password under the login rate limit. One message for a wrong email
 * and a wrong password, so the form does not reveal which accounts exist.
 */
export async function verifyCredentials(
  db: Database,
  { email, password, ip }: SignInInput & { ip: string },
): Promise<User> {
  // Counted as a failure until the password proves right.
  await beginLoginAttempt(db, { email, ip });
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const matches = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user || !matches) throw new AppError("unauthenticated", WRONG_CREDENTIALS);
  await clearLoginFailures(db, email);
  return user;
}
