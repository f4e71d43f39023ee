import "server-only";
import type { Database } from "@/db/client";
import { teamMembers } from "@/db/schema";
import { recordActivity } from "@/lib/activity/record-activity";
import { poolGrew } from "@/lib/assignment/routing-changed";
import { lockRouting } from "@/lib/assignment/routing-lock";
import { AppError } from "@/lib/errors";
import { emitAccessChanged } from "@/lib/realtime/emit-access-changed";
import { findWorkspaceById } from "@/lib/workspaces/queries";
import { findMemberName } from "./find-member-name";
import { lockTeam } from "./lock-team";
import type { TeamMemberInput } from "./schemas";

/** Adds an active member of the workspace to one of its teams. */
export async function addTeamMember(
  db: Database,
  {
    workspaceId,
    actorMemberId,
    teamId,
    memberId,
  }: TeamMemberInput & { workspaceId: string; actorMemberId: string },
): Promise<{ team: string; member: string }> {
  return db.transaction(async (tx) => {
    const team = await lockTeam(tx, { workspaceId, teamId });
    // The routing lock before the member row: routing, removals, role and availability
    // changes take it and then write member rows, so holding the member row (share-locked
    // below) while waiting for it would deadlock with them. The team row comes first, as in
    // every team change (lib/assignment/routing-lock.ts).
    await lockRouting(tx, workspaceId);
    const member = await findMemberName(tx, { workspaceId, memberId, activeOnly: true });
    const added = await tx
      .insert(teamMembers)
      .values({ teamId: team.id, memberId })
      .onConflictDoNothing()
      .returning({ memberId: teamMembers.memberId });
    if (added.length === 0) {
      throw new AppError("conflict", `${member} is already in ${team.name}.`);
    }
    await emitAccessChanged(tx, { workspaceId, memberId });
    await poolGrew(tx, { workspace: await findWorkspaceById(tx, workspaceId), now: new Date() });
    await recordActivity(tx, {
      workspaceId,
      actorMemberId,
      type: "team.member_added",
      data: { team: team.name, member },
    });
    return { team: team.name, member };
  });
}
