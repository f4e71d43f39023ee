"use client";

import { deleteKnowledgeAction } from "@/app/(app)/[workspace]/settings/agents/actions";
import { useRunAction } from "@/components/forms/use-run-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export function DeleteKnowledgeButton({
  workspace,
  entry,
}: {
  workspace: string;
  entry: { id: string; title: string };
}) {
  const { run } = useRunAction();
  return (
    <ConfirmDialog
      trigger={
        <Button
          variant="ghost"
          size="sm"
          className="text-destructive hover:text-destructive"
          aria-label={`Delete “${entry.title}”`}
        >
          Delete
        </Button>
      }
      title="Delete this entry?"
      description={`“${entry.title}” is removed from the agent's knowledge; it will no longer answer from it.`}
      confirmLabel="Delete entry"
      destructive
      onConfirm={async () => {
        await run(() => deleteKnowledgeAction({ workspace, entryId: entry.id }), {
          success: (deleted) => `Deleted “${deleted.title}”.`,
        });
      }}
    />
  );
}
