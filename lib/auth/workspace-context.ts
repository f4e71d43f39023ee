import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Member, members, type User, type Workspace } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { findMembership } from "@/lib/workspaces/queries";
import { can, type Permission, roleLabels } from "./permissions";

export interface WorkspaceContext {
  db: Database;
  user: User;
  member: Member;
  workspace: Workspace;
}

export const signInRequired = () => new AppError("unauthenticated", "Sign in to continue.");

/**
 * The door every workspace request goes through: a signed-in user, an active membership
 * read from the database now (so a removed member is refused on their next request), and
 * the permission from the one table. A workspace the user is not in answers 404.
 */
export async function resolveWorkspaceContext(
  db: Database,
  { userId, slug, permission }: { userId: string | null; slug: string; permission: Permission },
): Promise<WorkspaceContext> {
  if (!userId) throw signInRequired();
  const membership = await findMembership(db, { userId, slug });
  if (!membership) throw notFound("That workspace");
  if (!can(membership.member.role, permission)) {
    throw new AppError(
      "forbidden",
      `Your role (${roleLabels[membership.member.role]}) cannot do this. Ask an Admin of ${membership.workspace.name}.`,
    );
  }
  await touchLastActive(db, membership.member);
  return { db, ...membership };
}

const ACTIVE_GRANULARITY_MS = 60_000;

/** "Last active" on the members page; written at most once a minute per member. */
async function touchLastActive(db: Database, member: Member): Promise<void> {
  const now = new Date();
  if (
    member.lastActiveAt &&
    now.getTime() - member.lastActiveAt.getTime() < ACTIVE_GRANULARITY_MS
  ) {
    return;
  }
  await db.update(members).set({ lastActiveAt: now }).where(eq(members.id, member.id));
  member.lastActiveAt = now;
}
