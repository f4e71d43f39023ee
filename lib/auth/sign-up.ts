import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { type User, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { hashPassword } from "./password";
import type { SignUpInput } from "./schemas";

const duplicate = () =>
  new AppError("conflict", "An account with this email already exists. Sign in instead.", {
    email: "An account with this email already exists. Sign in instead.",
  });

/** Creates a user with a password. The input is already parsed by `signUpSchema`. */
export async function signUpUser(db: Database, input: SignUpInput): Promise<User> {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, input.email));
  if (existing) throw duplicate();
  const passwordHash = await hashPassword(input.password);
  try {
    const [user] = await db
      .insert(users)
      .values({ name: input.name, email: input.email, passwordHash })
      .returning();
    if (!user) throw new Error("insert returned no user");
    return user;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}
