"use client";

import { UserPlus } from "lucide-react";
import { useState } from "react";
import { addTeamMemberAction } from "@/app/(app)/[workspace]/settings/teams/actions";
import { useRunAction } from "@/components/forms/use-run-action";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { roleLabels } from "@/lib/auth/permissions";
import type { TeamMemberView } from "@/lib/teams/queries";

/** Picks one of the workspace's active members who is not in the team yet. */
export function AddTeamMemberMenu({
  workspace,
  team,
  candidates,
}: {
  workspace: string;
  team: { id: string; name: string };
  candidates: TeamMemberView[];
}) {
  const { run, pending } = useRunAction();
  const [menuOpen, setMenuOpen] = useState(false);

  if (candidates.length === 0) {
    return (
      <Button variant="outline" size="sm" disabled>
        Everyone is in this team
      </Button>
    );
  }

  return (
    // While an addition runs the trigger stays focusable (aria-disabled), so the menu itself
    // refuses to open: keyboard keys open a Radix menu without a click.
    <DropdownMenu open={menuOpen} onOpenChange={(next) => setMenuOpen(next && !pending)}>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" size="sm" loading={pending}>
          {pending ? null : <UserPlus aria-hidden="true" />}
          Add member
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-72 max-w-[calc(100vw-2rem)]">
        <DropdownMenuLabel>{`Add to ${team.name}`}</DropdownMenuLabel>
        {candidates.map((member) => (
          <DropdownMenuItem
            key={member.memberId}
            onSelect={() =>
              run(
                () =>
                  addTeamMemberAction({ workspace, teamId: team.id, memberId: member.memberId }),
                { success: (added) => `Added ${added.member} to ${added.team}.` },
              )
            }
          >
            <Avatar name={member.name} image={member.image} size="sm" decorative />
            <span className="min-w-0 flex-1 truncate">{member.name}</span>
            <span className="text-muted-foreground text-xs">{roleLabels[member.role]}</span>
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
