import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { teams } from "@/db/schema";
import { recordActivity } from "@/lib/activity/record-activity";
import { clearTeamFromConversations } from "@/lib/assignment/clear-team";
import { routingModeChanged } from "@/lib/assignment/routing-changed";
import { lockRoutingModes } from "@/lib/assignment/routing-lock";
import { lockWorkspace } from "@/lib/members/lock-workspace";
import { lockTeam } from "./lock-team";
import type { DeleteTeamInput } from "./schemas";

/**
 * Deletes a team and its memberships. Its conversations keep their messages and history and
 * lose the team, each with an event saying why, and are routed in the workspace's pool.
 */
export async function deleteTeam(
  db: Database,
  {
    workspaceId,
    actorMemberId,
    teamId,
  }: DeleteTeamInput & { workspaceId: string; actorMemberId: string },
): Promise<{ id: string; name: string; conversationsCleared: number }> {
  return db.transaction(async (tx) => {
    // Its conversations change pool (and so mode): arrivals reading the team commit first.
    await lockRoutingModes(tx, workspaceId, "change");
    // The delete or rename raises the workspace's directory version (migration 0017), which
    // updates its row: take that row first, as member changes do, so neither waits on the other
    // while holding what the other needs (the team, its conversations).
    const workspace = await lockWorkspace(tx, workspaceId);
    const team = await lockTeam(tx, { workspaceId, teamId });
    const conversationsCleared = await clearTeamFromConversations(tx, {
      workspaceId,
      teamId: team.id,
      teamName: team.name,
      actorMemberId,
    });
    await tx.delete(teams).where(eq(teams.id, team.id));
    // Its former conversations are in the workspace's pool now: queued and routed when that
    // pool routes (someone outside the team may be free), out of the queue when it is manual.
    if (conversationsCleared > 0) {
      await routingModeChanged(tx, { workspace, teamId: null, now: new Date() });
    }
    await recordActivity(tx, {
      workspaceId,
      actorMemberId,
      type: "team.deleted",
      data: { team: team.name, conversations: conversationsCleared },
    });
    return { id: team.id, name: team.name, conversationsCleared };
  });
}
