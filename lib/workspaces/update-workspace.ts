import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Workspace, workspaces } from "@/db/schema";
import type { UpdateWorkspaceInput } from "./schemas";

export async function updateWorkspace(
  db: Database,
  { workspaceId, name, timeZone }: UpdateWorkspaceInput & { workspaceId: string },
): Promise<Workspace> {
  const [workspace] = await db
    .update(workspaces)
    .set({ name, timeZone })
    .where(eq(workspaces.id, workspaceId))
    .returning();
  if (!workspace) throw new Error(`workspace ${workspaceId} vanished during update`);
  return workspace;
}
