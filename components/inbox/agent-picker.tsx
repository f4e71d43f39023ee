"use client";

import { ArrowLeft } from "lucide-react";
import { Popover } from "radix-ui";
import { type FormEvent, type ReactElement, useId, useState } from "react";
import { AgentAvatar } from "@/components/ui/agent-avatar";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PickerList, type PickerOption, UNASSIGN } from "./owner-picker";
import { Tip } from "./tip";
import type { AgentPickerOption } from "./types";
import type { OwnershipControls } from "./use-assignment";
import { useAssignees } from "./use-assignment";

function handoffText(agent: AgentPickerOption) {
  return agent.handoffTeamName ? `Hands off to ${agent.handoffTeamName}` : "No handoff team";
}

function agentOption(
  agent: AgentPickerOption,
  {
    current,
    unavailable,
  }: { current: { id: string; name: string } | null; unavailable: string | null },
): PickerOption {
  const handling = agent.id === current?.id;
  const greets = agent.sendInitialMessage && agent.initialMessage.trim() !== "";
  return {
    id: agent.id,
    label: agent.name,
    description: [handoffText(agent), greets ? "writes first" : null].filter(Boolean).join(", "),
    current: handling,
    unavailable: handling ? null : unavailable,
    content: (
      <span className="flex items-center gap-2.5">
        <AgentAvatar avatar={agent.avatar} size="md" />
        <span className="flex min-w-0 flex-1 flex-col leading-tight">
          <span className="truncate font-medium">{agent.name}</span>
          <span className="truncate text-muted-foreground text-xs">
            {handling ? "Handling this conversation" : handoffText(agent)}
            {greets && !handling ? " · writes first" : ""}
          </span>
        </span>
      </span>
    ),
  };
}

/**
 * Assign agent: a searchable list of the workspace's AI agents, then the assignment's one
 * option ("Send initial message", preset from the agent, with the text it will send). While an
 * agent is handling the conversation the list shows it and offers "Unassign agent", which asks
 * first: ending the session stops the agent answering.
 */
export function AgentPicker({
  ownership,
  trigger,
  tip,
  align = "end",
}: {
  ownership: OwnershipControls;
  trigger: ReactElement;
  tip?: string;
  align?: "start" | "end";
}) {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<AgentPickerOption | null>(null);
  const [confirming, setConfirming] = useState(false);
  const assignees = useAssignees(ownership.slug, open);
  const { abilities, agentSession } = ownership;
  const current = agentSession?.agent ?? null;

  const unavailable = current
    ? `${current.name} is handling this conversation. Unassign it first.`
    : abilities.agent.reason;
  const options = (assignees.data?.agents ?? []).map((agent) =>
    agentOption(agent, { current, unavailable }),
  );

  function changeOpen(next: boolean) {
    setOpen(next);
    if (!next) setChosen(null);
  }

  function pick(id: string) {
    if (id === UNASSIGN) {
      changeOpen(false);
      setConfirming(true);
      return;
    }
    const agent = assignees.data?.agents.find((option) => option.id === id);
    if (!agent || agent.id === current?.id) {
      changeOpen(false);
      return;
    }
    setChosen(agent);
  }

  const footer = current
    ? abilities.endAgent
      ? `One agent at a time: unassign ${current.name} to choose another.`
      : `${current.name} is handling this conversation. Only Admins, Managers and the assignee can end its session.`
    : (abilities.agent.reason ??
      "The agent answers every customer message until its session ends or it hands off.");

  const popoverTrigger = <Popover.Trigger asChild>{trigger}</Popover.Trigger>;
  return (
    <>
      <Popover.Root open={open} onOpenChange={changeOpen}>
        {tip ? <Tip label={tip}>{popoverTrigger}</Tip> : popoverTrigger}
        <Popover.Portal>
          <Popover.Content
            align={align}
            sideOffset={6}
            collisionPadding={8}
            aria-label={chosen ? `Assign ${chosen.name}` : "Assign agent"}
            className="z-50 flex max-h-[min(28rem,var(--radix-popover-content-available-height))] w-80 max-w-[calc(100vw-1rem)] flex-col overflow-hidden rounded-lg border bg-popover text-popover-foreground shadow-lg outline-none data-[state=closed]:animate-pop-out data-[state=open]:animate-pop-in"
          >
            {chosen ? (
              <AssignAgentForm
                agent={chosen}
                onBack={() => setChosen(null)}
                onAssign={(sendInitialMessage) => {
                  ownership.assignAgent(chosen, sendInitialMessage);
                  changeOpen(false);
                }}
              />
            ) : (
              <>
                <PickerList
                  searchLabel="Search AI agents"
                  placeholder="Search AI agents…"
                  options={options}
                  loading={assignees.isPending}
                  error={assignees.error?.message ?? null}
                  unassignLabel={current && abilities.endAgent ? "Unassign agent" : null}
                  emptyText="No AI agents yet. Admins and Managers create them in Settings → AI agents."
                  noMatch="No agent"
                  onPick={pick}
                />
                <div className="border-border border-t px-3 py-2 text-muted-foreground text-xs">
                  {footer}
                </div>
              </>
            )}
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      {current ? (
        <ConfirmDialog
          open={confirming}
          onOpenChange={setConfirming}
          title={`Unassign ${current.name}?`}
          description={
            ownership.assignee
              ? `The current agent session will end; ${current.name} stops answering and ${ownership.assignee.name} stays responsible.`
              : `The current agent session will end; ${current.name} stops answering and the conversation goes back to routing (or waits in Unassigned).`
          }
          confirmLabel="Unassign agent"
          destructive
          onConfirm={() => ownership.endAgentSession("unassigned")}
        />
      ) : null}
    </>
  );
}

/** The second step: whether the agent writes first, and the words it would send. */
function AssignAgentForm({
  agent,
  onBack,
  onAssign,
}: {
  agent: AgentPickerOption;
  onBack: () => void;
  onAssign: (sendInitialMessage: boolean) => void;
}) {
  const id = useId();
  const message = agent.initialMessage.trim();
  const [send, setSend] = useState(agent.sendInitialMessage && message !== "");

  function submit(event: FormEvent) {
    event.preventDefault();
    onAssign(send && message !== "");
  }

  return (
    <form onSubmit={submit} className="flex min-h-0 flex-col">
      <div className="flex items-center gap-1 border-border border-b px-1.5 py-1.5">
        <Button type="button" variant="ghost" size="icon" className="size-8" onClick={onBack}>
          <ArrowLeft aria-hidden="true" />
          <span className="sr-only">Back to the agents</span>
        </Button>
        <p className="font-medium text-sm">Assign agent</p>
      </div>
      <div className="grid min-h-0 gap-3 overflow-y-auto px-3 py-3">
        <div className="flex items-center gap-2.5">
          <AgentAvatar avatar={agent.avatar} size="md" />
          <div className="min-w-0 leading-tight">
            <p className="truncate font-medium text-sm">{agent.name}</p>
            <p className="truncate text-muted-foreground text-xs">{handoffText(agent)}</p>
          </div>
        </div>
        <div className="grid gap-1.5">
          <div className="flex items-start gap-2.5">
            <input
              id={`${id}-send`}
              type="checkbox"
              checked={send}
              disabled={message === ""}
              onChange={(event) => setSend(event.target.checked)}
              aria-describedby={`${id}-what`}
              // The assignment's only choice: focus lands here when the step opens.
              // biome-ignore lint/a11y/noAutofocus: focus moves into the step the user opened
              autoFocus={message !== ""}
              className="mt-0.5 size-4 shrink-0 accent-primary disabled:opacity-50"
            />
            <label htmlFor={`${id}-send`} className="font-medium text-sm leading-tight">
              Send initial message
            </label>
          </div>
          <div id={`${id}-what`} className="grid gap-1.5 pl-6.5 text-muted-foreground text-xs">
            {message === "" ? (
              <p>{agent.name} has no initial message, so it waits for the customer to write.</p>
            ) : send ? (
              <>
                <p>{agent.name} writes first, at once:</p>
                <blockquote className="line-clamp-4 whitespace-pre-wrap break-words rounded-md border border-border bg-muted/60 px-2.5 py-1.5 text-foreground/90">
                  {message}
                </blockquote>
              </>
            ) : (
              <p>{agent.name} waits for the customer to write, then answers.</p>
            )}
          </div>
        </div>
      </div>
      <div className="flex justify-end gap-2 border-border border-t px-3 py-2">
        <Button type="button" variant="ghost" size="sm" onClick={onBack}>
          Back
        </Button>
        <Button type="submit" size="sm" autoFocus={message === ""}>
          Assign agent
        </Button>
      </div>
    </form>
  );
}
