import "server-only";
import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { type Team, teams } from "@/db/schema";
import { notFound } from "@/lib/errors";

/**
 * The workspace's team, row-locked for the rest of the transaction so a concurrent delete
 * cannot slip between reading it and writing to it. Another workspace's id answers 404.
 */
export async function lockTeam(
  tx: Transaction,
  { workspaceId, teamId }: { workspaceId: string; teamId: string },
): Promise<Team> {
  const [team] = await tx
    .select()
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.workspaceId, workspaceId)))
    .for("update");
  if (!team) throw notFound("That team");
  return team;
}
