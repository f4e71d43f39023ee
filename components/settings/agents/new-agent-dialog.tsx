"use client";

import { Plus } from "lucide-react";
import { useId, useState } from "react";
import { createAgentAction } from "@/app/(app)/[workspace]/settings/agents/actions";
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
import { AGENT_NAME_MAX, DEFAULT_AVATAR } from "@/lib/agents/schemas";
import { AvatarPicker } from "./avatar-picker";
import { HandoffTeamSelect, NO_TEAM } from "./handoff-team-select";

/** Names the agent and picks its avatar and team; the agent's page then takes the rest. */
export function NewAgentDialog({
  workspace,
  teams,
}: {
  workspace: string;
  teams: { id: string; name: string }[];
}) {
  const id = useId();
  const nameId = `${id}-name`;
  const avatarLabelId = `${id}-avatar`;
  const teamId = `${id}-team`;
  const [open, setOpen] = useState(false);
  const [avatar, setAvatar] = useState<string>(DEFAULT_AVATAR);
  const [team, setTeam] = useState(NO_TEAM);
  const { submit, pending, error, fieldError, setError } = useActionForm(createAgentAction, {
    onSuccess: (agent) =>
      toast.success(`Created ${agent.name}. Now give it instructions and knowledge.`),
  });

  function openChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setError(null);
      setAvatar(DEFAULT_AVATAR);
      setTeam(NO_TEAM);
    }
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    submit({ workspace, name: String(form.get("name") ?? ""), avatar, handoffTeamId: team });
  }

  const nameError = fieldError("name");
  const avatarError = fieldError("avatar");
  const teamError = fieldError("handoffTeamId");
  return (
    <Dialog open={open} onOpenChange={openChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden="true" />
          New agent
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New agent</DialogTitle>
          <DialogDescription>
            Name it as customers will see it. Instructions and knowledge come next, on its page.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <FormError message={error && !error.fields ? error.message : null} />
          <Field label="Name" htmlFor={nameId} error={nameError}>
            <Input
              {...fieldControlProps({ id: nameId, error: nameError })}
              name="name"
              maxLength={AGENT_NAME_MAX}
              autoComplete="off"
              placeholder="Ava from Support"
              required
            />
          </Field>
          <div className="grid gap-2">
            <span id={avatarLabelId} className="font-medium text-sm leading-none">
              Avatar
            </span>
            <AvatarPicker
              name="avatar"
              value={avatar}
              onChange={setAvatar}
              labelledBy={avatarLabelId}
              disabled={pending}
            />
            {avatarError ? (
              <p role="alert" className="font-medium text-destructive text-xs">
                {avatarError}
              </p>
            ) : null}
          </div>
          <Field
            label="Hand off to"
            htmlFor={teamId}
            error={teamError}
            hint="When the agent cannot help, the conversation goes to this team."
          >
            <HandoffTeamSelect
              {...fieldControlProps({ id: teamId, error: teamError, hint: true })}
              value={team}
              onChange={setTeam}
              teams={teams}
            />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" loading={pending}>
              Create agent
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
