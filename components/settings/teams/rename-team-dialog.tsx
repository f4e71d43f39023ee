"use client";

import { useId, useState } from "react";
import { renameTeamAction } from "@/app/(app)/[workspace]/settings/teams/actions";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";

export function RenameTeamDialog({
  workspace,
  team,
}: {
  workspace: string;
  team: { id: string; name: string };
}) {
  const nameId = `${useId()}-name`;
  const [open, setOpen] = useState(false);
  const { submit, pending, error, fieldError, setError } = useActionForm(renameTeamAction, {
    onSuccess: (renamed) => {
      toast.success(
        renamed.name === team.name ? "Name unchanged." : `Renamed ${team.name} to ${renamed.name}.`,
      );
      setOpen(false);
    },
  });

  function openChange(next: boolean) {
    setOpen(next);
    if (!next) setError(null);
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    submit({ workspace, teamId: team.id, name: String(form.get("name") ?? "") });
  }

  const nameError = fieldError("name");
  return (
    <Dialog open={open} onOpenChange={openChange}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          Rename
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Rename {team.name}</DialogTitle>
          <DialogDescription>
            Conversations and reports show the new name; the activity log keeps the old one.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <FormError message={error && !error.fields ? error.message : null} />
          <Field label="Name" htmlFor={nameId} error={nameError}>
            <Input
              {...fieldControlProps({ id: nameId, error: nameError })}
              name="name"
              defaultValue={team.name}
              maxLength={50}
              autoComplete="off"
              required
            />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" loading={pending}>
              Save name
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
