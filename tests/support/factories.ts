import { randomBytes } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { rows } from "@/db/rows";
import { members, type Role } from "@/db/schema";
import { signUpUser } from "@/lib/auth/sign-up";
import { createWorkspace } from "@/lib/workspaces/create-workspace";

export const TEST_PASSWORD = "correct-horse-battery";

export function randomEmail(label = "user"): string {
  return `${label}-${randomBytes(5).toString("hex")}@example.test`;
}

export async function makeUser(label = "user", email = randomEmail(label)) {
  const db = await getDb();
  return signUpUser(db, { name: `Test ${label}`, email, password: TEST_PASSWORD });
}

/** Rows of a raw SQL query (drizzle types `execute` loosely across drivers). */
export async function rawRows<T>(query: SQL): Promise<T[]> {
  return rows<T>(await getDb(), query);
}

/** A workspace with an Admin, plus a member for each extra role asked for. */
export async function makeWorkspace(extraRoles: Role[] = []) {
  const db = await getDb();
  const admin = await makeUser("admin");
  const workspace = await createWorkspace(db, {
    userId: admin.id,
    name: `Team ${randomBytes(3).toString("hex")}`,
  });
  const others = [];
  for (const role of extraRoles) {
    const user = await makeUser(role);
    const [member] = await db
      .insert(members)
      .values({ workspaceId: workspace.id, userId: user.id, role })
      .returning();
    if (!member) throw new Error("member insert returned nothing");
    others.push({ user, member });
  }
  return { workspace, admin, others };
}
