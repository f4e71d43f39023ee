import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { teamMembers } from "@/db/schema";
import { recordActivity } from "@/lib/activity/record-activity";
import { AppError } from "@/lib/errors";
import { emitAccessChanged } from "@/lib/realtime/emit-access-changed";
import { findMemberName } from "./find-member-name";
import { lockTeam } from "./lock-team";
import type { TeamMemberInput } from "./schemas";

/** Takes a member out of a team. A removed member may still be taken out of their teams. */
export async function removeTeamMember(
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
    const member = await findMemberName(tx, { workspaceId, memberId, activeOnly: false });
    const removed = await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.memberId, memberId)))
      .returning({ memberId: teamMembers.memberId });
    if (removed.length === 0) {
      throw new AppError("conflict", `${member} is not in ${team.name}.`);
    }
    await recordActivity(tx, {
      workspaceId,
      actorMemberId,
      type: "team.member_removed",
      data: { team: team.name, member },
    });
    await emitAccessChanged(tx, { workspaceId, memberId });
    return { team: team.name, member };
  });
}
