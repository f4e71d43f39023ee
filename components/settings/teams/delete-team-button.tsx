"use client";

import { Trash2 } from "lucide-react";
import { deleteTeamAction } from "@/app/(app)/[workspace]/settings/teams/actions";
import { useRunAction } from "@/components/forms/use-run-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

const conversations = (count: number) =>
  count === 1 ? "1 conversation" : `${count} conversations`;

function consequence(count: number): string {
  if (count === 0) return "No conversations carry this team, so nothing else changes.";
  if (count === 1) return "Its 1 conversation keeps its history but loses this team.";
  return `Its ${count} conversations keep their history but lose this team.`;
}

export function DeleteTeamButton({
  workspace,
  team,
}: {
  workspace: string;
  team: { id: string; name: string; conversationCount: number };
}) {
  const { run } = useRunAction();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" size="sm" className="text-destructive hover:text-destructive">
          <Trash2 aria-hidden="true" />
          Delete team
        </Button>
      }
      title={`Delete ${team.name}?`}
      description={`${consequence(team.conversationCount)} Its members stay in the workspace.`}
      confirmLabel="Delete team"
      destructive
      onConfirm={async () => {
        await run(() => deleteTeamAction({ workspace, teamId: team.id }), {
          success: (deleted) =>
            deleted.conversationsCleared === 0
              ? `Deleted ${deleted.name}.`
              : `Deleted ${deleted.name}; ${conversations(deleted.conversationsCleared)} lost the team.`,
        });
      }}
    />
  );
}
