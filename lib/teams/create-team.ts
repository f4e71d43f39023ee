import "server-only";
import type { Database } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { type Team, teams } from "@/db/schema";
import { recordActivity } from "@/lib/activity/record-activity";
import type { CreateTeamInput } from "./schemas";
import { teamNameConflict } from "./team-name-conflict";

export async function createTeam(
  db: Database,
  {
    workspaceId,
    actorMemberId,
    name,
    routingMode,
  }: CreateTeamInput & { workspaceId: string; actorMemberId: string },
): Promise<Team> {
  try {
    return await db.transaction(async (tx) => {
      const [team] = await tx.insert(teams).values({ workspaceId, name, routingMode }).returning();
      if (!team) throw new Error("insert returned no team");
      await recordActivity(tx, {
        workspaceId,
        actorMemberId,
        type: "team.created",
        data: { team: team.name, routingMode: team.routingMode },
      });
      return team;
    });
  } catch (error) {
    // The unique index on (workspace, lower(name)) decides, so two people racing lose cleanly.
    if (isUniqueViolation(error)) throw await teamNameConflict(db, { workspaceId, name });
    throw error;
  }
}
