import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { teams } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** The error for a name another team of the workspace holds, spelled as that team spells it. */
export async function teamNameConflict(
  db: Database,
  { workspaceId, name }: { workspaceId: string; name: string },
): Promise<AppError> {
  const [existing] = await db
    .select({ name: teams.name })
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), sql`lower(${teams.name}) = lower(${name})`));
  const message = `A team called "${existing?.name ?? name}" already exists.`;
  return new AppError("conflict", message, { name: message });
}
