import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Team, teams } from "@/db/schema";
import { recordActivity } from "@/lib/activity/record-activity";
import { routingModeChanged } from "@/lib/assignment/routing-changed";
import { lockRoutingModes } from "@/lib/assignment/routing-lock";
import { findWorkspaceById } from "@/lib/workspaces/queries";
import { lockTeam } from "./lock-team";
import type { SetTeamRoutingInput } from "./schemas";

export async function setTeamRouting(
  db: Database,
  {
    workspaceId,
    actorMemberId,
    teamId,
    routingMode,
  }: SetTeamRoutingInput & { workspaceId: string; actorMemberId: string },
): Promise<Team> {
  return db.transaction(async (tx) => {
    // First, holding nothing: arrivals reading the old mode commit before the switch queues.
    await lockRoutingModes(tx, workspaceId, "change");
    const team = await lockTeam(tx, { workspaceId, teamId });
    if (team.routingMode === routingMode) return team;
    const [updated] = await tx
      .update(teams)
      .set({ routingMode })
      .where(eq(teams.id, team.id))
      .returning();
    if (!updated) throw new Error(`team ${team.id} vanished while locked`);
    await routingModeChanged(tx, {
      workspace: await findWorkspaceById(tx, workspaceId),
      teamId: team.id,
      now: new Date(),
    });
    await recordActivity(tx, {
      workspaceId,
      actorMemberId,
      type: "team.routing_changed",
      data: { team: team.name, from: team.routingMode, to: routingMode },
    });
    return updated;
  });
}
