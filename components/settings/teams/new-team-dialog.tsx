"use client";

import { Plus } from "lucide-react";
import { useId, useState } from "react";
import { createTeamAction } from "@/app/(app)/[workspace]/settings/teams/actions";
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
import type { RoutingMode, TeamRoutingMode } from "@/db/schema";
import { selectClassName } from "./routing-mode-field";
import { isTeamRoutingMode, routingModeHint, routingModeOptions } from "./routing-modes";

export function NewTeamDialog({
  workspace,
  workspaceMode,
}: {
  workspace: string;
  workspaceMode: RoutingMode;
}) {
  const id = useId();
  const nameId = `${id}-name`;
  const modeId = `${id}-mode`;
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<TeamRoutingMode>("inherit");
  const { submit, pending, error, fieldError, setError } = useActionForm(createTeamAction, {
    onSuccess: (team) => {
      toast.success(`Created ${team.name}.`);
      setOpen(false);
    },
  });

  function openChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setError(null);
      setMode("inherit");
    }
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    submit({
      workspace,
      name: String(form.get("name") ?? ""),
      routingMode: mode,
    });
  }

  const nameError = fieldError("name");
  const modeError = fieldError("routingMode");
  return (
    <Dialog open={open} onOpenChange={openChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden="true" />
          New team
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New team</DialogTitle>
          <DialogDescription>
            A team groups the people who answer one kind of conversation.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <FormError message={error && !error.fields ? error.message : null} />
          <Field label="Name" htmlFor={nameId} error={nameError}>
            <Input
              {...fieldControlProps({ id: nameId, error: nameError })}
              name="name"
              maxLength={50}
              autoComplete="off"
              placeholder="Support"
              required
            />
          </Field>
          <Field
            label="Routing"
            htmlFor={modeId}
            error={modeError}
            hint={routingModeHint(mode, workspaceMode)}
          >
            <select
              {...fieldControlProps({ id: modeId, error: modeError, hint: true })}
              name="routingMode"
              value={mode}
              onChange={(event) => {
                if (isTeamRoutingMode(event.target.value)) setMode(event.target.value);
              }}
              className={`${selectClassName} sm:w-full`}
            >
              {routingModeOptions.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" loading={pending}>
              Create team
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
