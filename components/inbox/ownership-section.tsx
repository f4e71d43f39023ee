"use client";

import { ChevronRight, Hourglass } from "lucide-react";
import { type ReactElement, type ReactNode, useId } from "react";
import { AgentAvatar } from "@/components/ui/agent-avatar";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { StatusText } from "@/components/ui/status-dot";
import { cn } from "@/lib/utils";
import { AgentPicker } from "./agent-picker";
import { MemberPicker, TeamPicker } from "./assign-pickers";
import { busyProps } from "./busy-props";
import type { OwnershipControls } from "./use-assignment";

/**
 * The drawer's owners: Assignee (with "Why Sam?"), AI agent and Team, each with its picker; the
 * per-conversation off switch for Admins and Managers. Viewers see the owners read-only.
 */
export function OwnershipSection({ ownership }: { ownership: OwnershipControls }) {
  const { abilities, assignee, team, pending, why, agentSession } = ownership;
  const agentControl = abilities.agent.enabled || (agentSession !== null && abilities.endAgent);
  const busy = pending !== null;
  const change = (label: string, what: string) => (
    <Button variant="ghost" size="sm" className="h-7 px-2 text-xs" {...busyProps(busy)}>
      {label}
      <span className="sr-only">{` ${what}`}</span>
    </Button>
  );

  return (
    <div className="grid gap-3">
      <dl className="grid gap-2.5 text-sm">
        <OwnerRow
          label="Assignee"
          control={
            abilities.readOnly ? null : abilities.member.enabled ? (
              <MemberPicker
                slug={ownership.slug}
                me={ownership.me}
                abilities={abilities}
                assignee={assignee}
                onAssign={ownership.assign}
                onUnassign={() => ownership.unassign("member")}
                trigger={change(assignee ? "Change" : "Assign", "assignee")}
              />
            ) : null
          }
        >
          {assignee ? (
            <span className="flex min-w-0 items-center gap-2">
              <Avatar
                name={assignee.name}
                image={assignee.image}
                size="xs"
                status={assignee.status}
                decorative
              />
              <span className="truncate">{assignee.name}</span>
              <StatusText status={assignee.status} />
            </span>
          ) : why?.kind === "queued" ? (
            <span className="flex items-center gap-1.5 text-muted-foreground">
              <Hourglass aria-hidden="true" className="size-3.5 shrink-0" />
              Waiting for an available member
            </span>
          ) : (
            <span className="text-muted-foreground">Unassigned</span>
          )}
        </OwnerRow>
        <OwnerRow
          label="AI agent"
          control={
            agentControl ? (
              <AgentPicker
                ownership={ownership}
                trigger={change(agentSession ? "Change" : "Assign", "AI agent")}
              />
            ) : null
          }
        >
          {agentSession ? (
            <span className="flex min-w-0 items-center gap-2">
              <AgentAvatar avatar={agentSession.agent.avatar} size="xs" />
              <span className="truncate">{agentSession.agent.name}</span>
            </span>
          ) : (
            <span className="text-muted-foreground">None</span>
          )}
        </OwnerRow>
        <OwnerRow
          label="Team"
          control={
            abilities.readOnly ? null : abilities.team.enabled ? (
              <TeamPicker
                slug={ownership.slug}
                me={ownership.me}
                abilities={abilities}
                team={team}
                onAssign={ownership.assignTeam}
                onUnassign={() => ownership.unassign("team")}
                trigger={change(team ? "Change" : "Assign", "team")}
              />
            ) : null
          }
        >
          {team ? team.name : <span className="text-muted-foreground">No team</span>}
        </OwnerRow>
      </dl>

      {pending && pending !== "switch" ? (
        <p className="flex items-center gap-2 text-muted-foreground text-xs">
          <Spinner size="sm" label={false} />
          <span role="status">Saving…</span>
        </p>
      ) : null}

      {why ? <WhyDisclosure ownership={ownership} /> : null}

      {abilities.readOnly ? null : <Explanations ownership={ownership} />}

      {abilities.offSwitch ? <AssignmentSwitch ownership={ownership} /> : null}
    </div>
  );
}

function OwnerRow({
  label,
  control,
  children,
}: {
  label: string;
  control: ReactElement | null;
  children: ReactNode;
}) {
  return (
    <div className="grid min-h-7 grid-cols-[5rem_minmax(0,1fr)_auto] items-center gap-2">
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="min-w-0">{children}</dd>
      <dd>{control}</dd>
    </div>
  );
}

/** "Why Sam?" / "Why is it waiting?": the routing decision in plain words. */
function WhyDisclosure({ ownership }: { ownership: OwnershipControls }) {
  const why = ownership.why;
  if (!why) return null;
  const title =
    why.kind === "queued" ? "Why is it waiting?" : `Why ${why.memberName ?? "this member"}?`;
  return (
    <details className="group rounded-md border border-border bg-background/60 text-sm">
      <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded-md px-2.5 py-1.5 font-medium text-link hover:bg-accent/50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring [&::-webkit-details-marker]:hidden">
        <ChevronRight
          aria-hidden="true"
          className="size-3.5 shrink-0 transition-transform group-open:rotate-90"
        />
        {title}
      </summary>
      <div className="grid gap-1.5 px-2.5 pt-0.5 pb-2.5 text-muted-foreground text-xs leading-relaxed">
        {why.kind === "queued" ? (
          <p className="font-medium text-foreground">Waiting for an available member.</p>
        ) : null}
        {why.lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
    </details>
  );
}

/** Why a picker is missing: said in words, not left to a greyed-out button. */
function Explanations({ ownership }: { ownership: OwnershipControls }) {
  const { member, team, agent } = ownership.abilities;
  // With an agent handling it, what matters is who may end its session.
  const session = ownership.agentSession;
  const agentReason = !session
    ? agent.reason
    : ownership.abilities.endAgent
      ? null
      : `Only Admins, Managers and ${ownership.assignee?.name ?? "the assignee"} can end ${session.agent.name}'s session.`;
  const reasons = [...new Set([member.reason, team.reason, agentReason].filter((r) => r !== null))];
  if (reasons.length === 0) return null;
  return (
    <div className="grid gap-1 rounded-md bg-muted/60 px-2.5 py-2 text-muted-foreground text-xs">
      {reasons.map((reason) => (
        <p key={reason}>{reason}</p>
      ))}
    </div>
  );
}

/** The per-conversation off switch: routing and assignment leave the conversation alone. */
function AssignmentSwitch({ ownership }: { ownership: OwnershipControls }) {
  const id = useId();
  const enabled = !ownership.assignmentDisabled;
  const saving = ownership.pending === "switch";
  return (
    <div className="flex items-start justify-between gap-3 border-border border-t pt-3">
      <div className="min-w-0">
        <p id={`${id}-label`} className="font-medium text-sm">
          Allow assignment
        </p>
        <p id={`${id}-hint`} className="text-muted-foreground text-xs">
          {enabled
            ? "On: routing and people can assign this conversation."
            : "Off: routing skips this conversation and nobody can be assigned. The current owner stays."}
        </p>
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={enabled}
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-hint`}
        disabled={ownership.pending !== null}
        onClick={() => ownership.setDisabled(enabled)}
        className={cn(
          "relative mt-0.5 inline-flex h-5 w-9 shrink-0 items-center rounded-full border-2 border-transparent transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background disabled:opacity-60",
          enabled ? "bg-primary" : "bg-input dark:bg-input/60",
        )}
      >
        <span
          aria-hidden="true"
          className={cn(
            "flex size-4 items-center justify-center rounded-full bg-background shadow-sm transition-transform",
            enabled ? "translate-x-4" : "translate-x-0",
          )}
        >
          {saving ? <Spinner size="sm" label={false} className="size-3" /> : null}
        </span>
      </button>
    </div>
  );
}
