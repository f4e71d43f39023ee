import { Avatar } from "@/components/ui/avatar";
import { StatusText } from "@/components/ui/status-dot";
import type { RoutingMode } from "@/db/schema";
import { roleLabels } from "@/lib/auth/permissions";
import type { TeamMemberView, TeamView } from "@/lib/teams/queries";
import { AddTeamMemberMenu } from "./add-team-member-menu";
import { DeleteTeamButton } from "./delete-team-button";
import { RemoveTeamMemberButton } from "./remove-team-member-button";
import { RenameTeamDialog } from "./rename-team-dialog";
import { RoutingModeField } from "./routing-mode-field";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export function TeamCard({
  workspace,
  team,
  activeMembers,
  workspaceMode,
  editable,
}: {
  workspace: string;
  team: TeamView;
  /** Everyone who could join, for the "Add member" picker; empty when not editable. */
  activeMembers: TeamMemberView[];
  workspaceMode: RoutingMode;
  editable: boolean;
}) {
  const headingId = `team-${team.id}`;
  const inTeam = new Set(team.members.map((member) => member.memberId));
  const candidates = activeMembers.filter((member) => !inTeam.has(member.memberId));

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-lg border border-border bg-card text-card-foreground shadow-xs"
    >
      <div className="flex flex-wrap items-start justify-between gap-3 p-4 sm:px-5">
        <div className="min-w-0 flex-1">
          <h3 id={headingId} className="break-words font-semibold leading-tight">
            {team.name}
          </h3>
          <p className="mt-1 text-muted-foreground text-sm">
            {plural(team.members.length, "member", "members")} ·{" "}
            {plural(team.conversationCount, "conversation", "conversations")}
          </p>
        </div>
        {editable ? (
          <div className="flex flex-wrap gap-2">
            <RenameTeamDialog workspace={workspace} team={team} />
            <DeleteTeamButton workspace={workspace} team={team} />
          </div>
        ) : null}
      </div>

      <div className="border-border border-t p-4 sm:px-5">
        <RoutingModeField
          workspace={workspace}
          team={team}
          workspaceMode={workspaceMode}
          editable={editable}
        />
      </div>

      <div className="border-border border-t p-4 sm:px-5">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h4 className="font-medium text-sm">Members</h4>
          {editable ? (
            <AddTeamMemberMenu workspace={workspace} team={team} candidates={candidates} />
          ) : null}
        </div>
        {team.members.length === 0 ? (
          <p className="mt-2 text-muted-foreground text-sm">
            Nobody is in this team yet
            {editable ? ". Add members so conversations for the team reach them." : "."}
          </p>
        ) : (
          <ul aria-label={`Members of ${team.name}`} className="mt-2 divide-y divide-border">
            {team.members.map((member) => (
              <li key={member.memberId} className="flex items-center gap-3 py-2">
                <Avatar name={member.name} image={member.image} status={member.status} decorative />
                <div className="min-w-0 flex-1">
                  <p className="flex min-w-0 items-baseline gap-1 font-medium text-sm">
                    <span className="truncate">{member.name}</span>
                    <StatusText status={member.status} />
                  </p>
                  <p className="truncate text-muted-foreground text-xs">
                    {roleLabels[member.role]} · {member.email}
                  </p>
                </div>
                {editable ? (
                  <RemoveTeamMemberButton workspace={workspace} team={team} member={member} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
