"use client";

import { useId, useState } from "react";
import { updateAgentAction } from "@/app/(app)/[workspace]/settings/agents/actions";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import {
  AGENT_NAME_MAX,
  INITIAL_MESSAGE_MAX,
  INSTRUCTIONS_MAX,
  SESSION_HOURS_MAX,
  SESSION_HOURS_MIN,
} from "@/lib/agents/schemas";
import { AvatarPicker } from "./avatar-picker";
import { CharacterCount } from "./character-count";
import { HandoffTeamSelect, NO_TEAM } from "./handoff-team-select";

export interface AgentFormValues {
  id: string;
  name: string;
  avatar: string;
  instructions: string;
  handoffTeamId: string | null;
  sendInitialMessage: boolean;
  initialMessage: string;
  maxSessionHours: number;
}

/** The agent's settings, saved together. */
export function AgentForm({
  workspace,
  agent,
  teams,
}: {
  workspace: string;
  agent: AgentFormValues;
  teams: { id: string; name: string }[];
}) {
  const id = useId();
  const ids = {
    name: `${id}-name`,
    avatar: `${id}-avatar`,
    instructions: `${id}-instructions`,
    team: `${id}-team`,
    greet: `${id}-greet`,
    initialMessage: `${id}-initial-message`,
    hours: `${id}-hours`,
  };
  const [avatar, setAvatar] = useState(agent.avatar);
  const [instructions, setInstructions] = useState(agent.instructions);
  const [team, setTeam] = useState(agent.handoffTeamId ?? NO_TEAM);
  const [greet, setGreet] = useState(agent.sendInitialMessage);
  const [initialMessage, setInitialMessage] = useState(agent.initialMessage);
  const { submit, pending, error, fieldError } = useActionForm(updateAgentAction, {
    onSuccess: (saved) => toast.success(`Saved ${saved.name}.`),
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const hours = String(form.get("maxSessionHours") ?? "").trim();
    submit({
      workspace,
      agentId: agent.id,
      name: String(form.get("name") ?? ""),
      avatar,
      instructions,
      handoffTeamId: team,
      sendInitialMessage: greet,
      initialMessage,
      // An empty box is not zero hours: let the server say a number is needed.
      maxSessionHours: hours === "" ? Number.NaN : Number(hours),
    });
  }

  const errors = {
    name: fieldError("name"),
    avatar: fieldError("avatar"),
    instructions: fieldError("instructions"),
    team: fieldError("handoffTeamId"),
    initialMessage: fieldError("initialMessage"),
    hours: fieldError("maxSessionHours"),
  };
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-5">
      <FormError message={error && !error.fields ? error.message : null} />
      <Field label="Name" htmlFor={ids.name} error={errors.name}>
        <Input
          {...fieldControlProps({ id: ids.name, error: errors.name })}
          name="name"
          defaultValue={agent.name}
          maxLength={AGENT_NAME_MAX}
          autoComplete="off"
          required
          className="sm:max-w-sm"
        />
      </Field>

      <div className="grid gap-2">
        <span id={ids.avatar} className="font-medium text-sm leading-none">
          Avatar
        </span>
        <AvatarPicker
          name="avatar"
          value={avatar}
          onChange={setAvatar}
          labelledBy={ids.avatar}
          disabled={pending}
        />
        {errors.avatar ? (
          <p role="alert" className="font-medium text-destructive text-xs">
            {errors.avatar}
          </p>
        ) : null}
      </div>

      <Field
        label="Instructions"
        htmlFor={ids.instructions}
        error={errors.instructions}
        hint={
          <span className="flex flex-wrap justify-between gap-x-4 gap-y-1">
            <span>How it speaks, what it may promise, and when to hand off to a person.</span>
            <CharacterCount length={instructions.length} max={INSTRUCTIONS_MAX} />
          </span>
        }
      >
        <Textarea
          {...fieldControlProps({ id: ids.instructions, error: errors.instructions, hint: true })}
          name="instructions"
          value={instructions}
          onChange={(event) => setInstructions(event.target.value)}
          maxLength={INSTRUCTIONS_MAX}
          rows={6}
          placeholder="You are Ava, the friendly assistant of Acme. Answer briefly. Never promise refunds; hand off to a person instead."
          className="max-h-96"
        />
      </Field>

      <Field
        label="Hand off to"
        htmlFor={ids.team}
        error={errors.team}
        hint="When the agent cannot help, the conversation goes to this team and is routed to one of its members."
      >
        <HandoffTeamSelect
          {...fieldControlProps({ id: ids.team, error: errors.team, hint: true })}
          value={team}
          onChange={setTeam}
          teams={teams}
          className="sm:max-w-md"
        />
      </Field>

      <div className="grid gap-3 rounded-md border border-border p-3 sm:p-4">
        <div className="flex items-start justify-between gap-4">
          <div className="min-w-0">
            <label htmlFor={ids.greet} className="font-medium text-sm">
              Send an initial message
            </label>
            <p id={`${ids.greet}-hint`} className="mt-0.5 text-muted-foreground text-xs">
              When on, the agent writes first as soon as it is assigned; otherwise it waits for the
              customer. Whoever assigns it can still change this each time.
            </p>
          </div>
          <Switch
            id={ids.greet}
            checked={greet}
            onCheckedChange={setGreet}
            disabled={pending}
            aria-describedby={`${ids.greet}-hint`}
            className="mt-0.5"
          />
        </div>
        {greet ? (
          <Field
            label="Initial message"
            htmlFor={ids.initialMessage}
            error={errors.initialMessage}
            hint={<CharacterCount length={initialMessage.length} max={INITIAL_MESSAGE_MAX} />}
          >
            <Textarea
              {...fieldControlProps({
                id: ids.initialMessage,
                error: errors.initialMessage,
                hint: true,
              })}
              name="initialMessage"
              value={initialMessage}
              onChange={(event) => setInitialMessage(event.target.value)}
              maxLength={INITIAL_MESSAGE_MAX}
              rows={3}
              placeholder="Hi! I'm Ava, Acme's assistant. How can I help?"
            />
          </Field>
        ) : null}
      </div>

      <Field
        label="Maximum session length"
        htmlFor={ids.hours}
        error={errors.hours}
        hint={`After this many hours the session ends on its own and the conversation goes to a person (${SESSION_HOURS_MIN}–${SESSION_HOURS_MAX}).`}
      >
        <div className="flex items-center gap-2">
          <Input
            {...fieldControlProps({ id: ids.hours, error: errors.hours, hint: true })}
            name="maxSessionHours"
            type="number"
            inputMode="numeric"
            min={SESSION_HOURS_MIN}
            max={SESSION_HOURS_MAX}
            step={1}
            defaultValue={agent.maxSessionHours}
            required
            className="w-24"
          />
          <span className="text-muted-foreground text-sm">hours</span>
        </div>
      </Field>

      <div className="grid gap-3 border-border border-t pt-4 sm:flex sm:items-center sm:justify-end">
        {error?.fields ? (
          <p role="alert" className="text-destructive text-sm sm:mr-auto">
            Some settings need a fix; see the messages above.
          </p>
        ) : null}
        <Button type="submit" loading={pending} className="w-full sm:w-auto">
          Save changes
        </Button>
      </div>
    </form>
  );
}
