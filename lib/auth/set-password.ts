import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type User, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";
import type { SetPasswordInput } from "./schemas";

/**
 * Sets the signed-in person's password. An account that has one must give it first; one
 * without (made by an email link, or whose unproven password an email link removed) sets one
 * freely — signing in by link proved the address. Other sessions are not ended.
 */
export async function setPassword(
  db: Database,
  { user, input }: { user: User; input: SetPasswordInput },
): Promise<{ hadPassword: boolean }> {
  const hadPassword = user.passwordHash !== null;
  if (hadPassword) {
    const current = input.current ?? "";
    if (current === "") {
      throw new AppError("validation", "Enter your current password.", {
        current: "Enter your current password.",
      });
    }
    if (!(await verifyPassword(current, user.passwordHash))) {
      throw new AppError("validation", "That is not your current password.", {
        current: "That is not your current password.",
      });
    }
  }
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(input.password) })
    .where(eq(users.id, user.id));
  return { hadPassword };
}
