import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Member, members, type User, users, type Workspace, workspaces } from "@/db/schema";
import { notFound } from "@/lib/errors";

export interface Membership {
  workspace: Workspace;
  member: Member;
  user: User;
}

/** The signed-in user's active membership in the workspace with this slug, read fresh. */
export async function findMembership(
  db: Database,
  { userId, slug }: { userId: string; slug: string },
): Promise<Membership | null> {
  const [row] = await db
    .select({ workspace: workspaces, member: members, user: users })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(workspaces.slug, slug), eq(members.userId, userId), isNull(members.removedAt)));
  return row ?? null;
}

export interface WorkspaceSummary {
  id: string;
  slug: string;
  name: string;
  role: Member["role"];
}

export async function listWorkspacesForUser(
  db: Database,
  userId: string,
): Promise<WorkspaceSummary[]> {
  return db
    .select({
      id: workspaces.id,
      slug: workspaces.slug,
      name: workspaces.name,
      role: members.role,
    })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(and(eq(members.userId, userId), isNull(members.removedAt)))
    .orderBy(asc(workspaces.name));
}

export async function findWorkspaceById(db: Database, workspaceId: string): Promise<Workspace> {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!workspace) throw notFound("That workspace");
  return workspace;
}

export async function findUser(db: Database, userId: string): Promise<User | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user ?? null;
}
