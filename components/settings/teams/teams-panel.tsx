import { UsersRound } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import type { RoutingMode } from "@/db/schema";
import type { TeamMemberView, TeamView } from "@/lib/teams/queries";
import { NewTeamDialog } from "./new-team-dialog";
import { TeamCard } from "./team-card";

/** Settings → Teams: the list of teams, with controls for those who may manage them. */
export function TeamsPanel({
  workspace,
  teams,
  activeMembers,
  workspaceMode,
  editable,
}: {
  workspace: string;
  teams: TeamView[];
  activeMembers: TeamMemberView[];
  workspaceMode: RoutingMode;
  editable: boolean;
}) {
  const newTeam = editable ? (
    <NewTeamDialog workspace={workspace} workspaceMode={workspaceMode} />
  ) : null;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h2 className="font-semibold text-lg tracking-tight">Teams</h2>
          <p className="text-muted-foreground text-sm">
            {editable
              ? "Group the people who answer the same kind of conversation, and choose how each team routes."
              : "Only Admins and Managers can change teams."}
          </p>
        </div>
        {/* With no teams yet, the empty state carries the button instead. */}
        {teams.length > 0 ? newTeam : null}
      </div>

      {teams.length === 0 ? (
        <EmptyState
          icon={UsersRound}
          headingAs="h3"
          title="No teams yet"
          description="Teams group members who handle the same kind of conversation, such as Support or Sales. Conversations can be given to a team and routed among its members."
          action={newTeam}
          className="rounded-lg border border-border border-dashed bg-card"
        />
      ) : (
        <div className="grid gap-4">
          {teams.map((team) => (
            <TeamCard
              key={team.id}
              workspace={workspace}
              team={team}
              activeMembers={activeMembers}
              workspaceMode={workspaceMode}
              editable={editable}
            />
          ))}
        </div>
      )}
    </div>
  );
}
