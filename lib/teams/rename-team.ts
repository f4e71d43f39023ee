import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { type Team, teams } from "@/db/schema";
import { recordActivity } from "@/lib/activity/record-activity";
import { lockWorkspace } from "@/lib/members/lock-workspace";
import { lockTeam } from "./lock-team";
import type { RenameTeamInput } from "./schemas";
import { teamNameConflict } from "./team-name-conflict";

export async function renameTeam(
  db: Database,
  {
    workspaceId,
    actorMemberId,
    teamId,
    name,
  }: RenameTeamInput & { workspaceId: string; actorMemberId: string },
): Promise<Team> {
  try {
    return await db.transaction(async (tx) => {
      // A rename raises the workspace's directory version (migration 0017): the workspace row
      // first, as member changes take it, then the team (see delete-team.ts).
      await lockWorkspace(tx, workspaceId);
      const team = await lockTeam(tx, { workspaceId, teamId });
      if (team.name === name) return team;
      const [renamed] = await tx
        .update(teams)
        .set({ name })
        .where(eq(teams.id, team.id))
        .returning();
      if (!renamed) throw new Error(`team ${team.id} vanished while locked`);
      await recordActivity(tx, {
        workspaceId,
        actorMemberId,
        type: "team.renamed",
        data: { team: renamed.name, from: team.name },
      });
      return renamed;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await teamNameConflict(db, { workspaceId, name });
    throw error;
  }
}
