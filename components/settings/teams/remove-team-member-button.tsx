"use client";

import { X } from "lucide-react";
import { removeTeamMemberAction } from "@/app/(app)/[workspace]/settings/teams/actions";
import { useRunAction } from "@/components/forms/use-run-action";
import { Button } from "@/components/ui/button";

/** No confirmation: taking someone out of a team is undone by adding them back. */
export function RemoveTeamMemberButton({
  workspace,
  team,
  member,
}: {
  workspace: string;
  team: { id: string; name: string };
  member: { memberId: string; name: string };
}) {
  const { run, pending } = useRunAction();
  return (
    <Button
      variant="ghost"
      size="icon"
      className="size-8 text-muted-foreground hover:text-foreground"
      aria-label={`Remove ${member.name} from ${team.name}`}
      loading={pending}
      onClick={() =>
        run(
          () => removeTeamMemberAction({ workspace, teamId: team.id, memberId: member.memberId }),
          { success: (removed) => `Removed ${removed.member} from ${removed.team}.` },
        )
      }
    >
      {pending ? null : <X aria-hidden="true" />}
    </Button>
  );
}
