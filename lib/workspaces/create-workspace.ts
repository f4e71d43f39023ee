import "server-only";
import { eq, like, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { members, type Workspace, workspaces } from "@/db/schema";
import type { CreateWorkspaceInput } from "./schemas";
import { firstFreeSlug, slugify } from "./slug";

/** Creates a workspace with a unique slug and makes its creator the first Admin. */
export async function createWorkspace(
  db: Database,
  { userId, name }: CreateWorkspaceInput & { userId: string },
): Promise<Workspace> {
  const base = slugify(name);
  // Two people may pick the same name at once: the loser of the unique index tries the next slug.
  for (let attempt = 0; attempt < 5; attempt++) {
    const taken = await db
      .select({ slug: workspaces.slug })
      .from(workspaces)
      .where(or(eq(workspaces.slug, base), like(workspaces.slug, `${base}-%`)));
    const slug = firstFreeSlug(base, new Set(taken.map((row) => row.slug)));
    try {
      return await db.transaction(async (tx) => {
        const [workspace] = await tx.insert(workspaces).values({ name, slug }).returning();
        if (!workspace) throw new Error("insert returned no workspace");
        await tx
          .insert(members)
          .values({ workspaceId: workspace.id, userId, role: "admin", status: "online" });
        return workspace;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error(`could not find a free slug for "${name}"`);
}
