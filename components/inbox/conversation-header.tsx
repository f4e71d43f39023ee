"use client";

import {
  ArrowLeft,
  Braces,
  CircleCheck,
  Ellipsis,
  type LucideIcon,
  MailOpen,
  PanelRight,
  RotateCcw,
  Sheet,
  Sparkles,
  UserCheck,
  UserPlus,
  Users,
} from "lucide-react";
import { useEffect, useRef } from "react";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { StatusText } from "@/components/ui/status-dot";
import { cn } from "@/lib/utils";
import { AgentPicker } from "./agent-picker";
import { inboxUrls } from "./api";
import { MemberPicker, TeamPicker } from "./assign-pickers";
import { busyProps } from "./busy-props";
import { ChannelIcon } from "./channel";
import { Tip } from "./tip";
import type { Channel } from "./types";
import type { OwnershipControls } from "./use-assignment";

export function ConversationHeader({
  slug,
  conversationId,
  name,
  channel,
  status,
  canReply,
  ownership,
  statusPending,
  onSetStatus,
  onMarkUnread,
  onBack,
  detailsOpen,
  onToggleDetails,
}: {
  slug: string;
  conversationId: string;
  name: string;
  channel: Channel;
  status: "open" | "closed";
  canReply: boolean;
  ownership: OwnershipControls;
  statusPending: boolean;
  onSetStatus: (status: "open" | "closed") => void;
  onMarkUnread: () => void;
  onBack: () => void;
  detailsOpen: boolean;
  onToggleDetails: () => void;
}) {
  const closed = status === "closed";
  const agent = ownership.agentSession?.agent ?? null;
  // On phones opening a conversation hides the list, and the row that had focus with it:
  // focus moves to the conversation's name, so a screen reader starts here, not at the top.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const lost =
      document.activeElement === null ||
      document.activeElement === document.body ||
      (document.activeElement instanceof HTMLElement &&
        document.activeElement.offsetParent === null);
    if (lost && !window.matchMedia("(min-width: 768px)").matches) {
      heading.current?.focus({ preventScroll: true });
    }
  }, []);
  return (
    <header className="flex shrink-0 flex-wrap items-center gap-x-2 gap-y-2 border-border border-b px-2 py-2 sm:px-4">
      <Button variant="ghost" size="icon" className="md:hidden" onClick={onBack}>
        <ArrowLeft aria-hidden="true" />
        <span className="sr-only">Back to inbox</span>
      </Button>
      {/* The basis makes the actions wrap below the name on phones instead of squeezing it. */}
      <div className="flex min-w-0 flex-1 basis-44 items-center gap-3">
        <Avatar name={name} size="md" decorative className="hidden sm:inline-flex" />
        <div className="min-w-0">
          <h2
            ref={heading}
            tabIndex={-1}
            className="truncate font-semibold text-base leading-tight focus:outline-none"
          >
            {name}
          </h2>
          <div className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-muted-foreground text-xs">
            <ChannelIcon channel={channel} label="visible" />
            <Badge variant={closed ? "secondary" : "success"} className="px-1.5 py-0">
              {closed ? "Closed" : "Open"}
            </Badge>
            {agent ? (
              <Badge
                variant="outline"
                className="max-w-[10rem] border-violet-300 px-1.5 py-0 text-violet-800 dark:border-violet-400/40 dark:text-violet-200"
              >
                <Sparkles aria-hidden="true" />
                <span className="sr-only">AI agent </span>
                <span className="truncate">{agent.name}</span>
              </Badge>
            ) : null}
            <Owners ownership={ownership} />
          </div>
        </div>
      </div>

      <div className="ml-auto flex items-center gap-1">
        {canReply ? (
          <>
            {ownership.abilities.readOnly ? null : <AssignControls ownership={ownership} />}
            <span aria-hidden="true" className="mx-1 h-5 w-px bg-border" />
            {/* `e` only closes: a closed conversation's button has no shortcut to show. */}
            <Tip
              label={closed ? "Reopen conversation" : "Close conversation"}
              shortcut={closed ? undefined : "E"}
            >
              <Button
                variant="outline"
                size="sm"
                loading={statusPending}
                onClick={() => onSetStatus(closed ? "open" : "closed")}
              >
                {statusPending ? null : closed ? (
                  <RotateCcw aria-hidden="true" />
                ) : (
                  <CircleCheck aria-hidden="true" />
                )}
                {closed ? "Reopen" : "Close"}
              </Button>
            </Tip>
          </>
        ) : null}
        <DropdownMenu>
          <Tip label="More actions">
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="icon" aria-label="More">
                <Ellipsis aria-hidden="true" />
              </Button>
            </DropdownMenuTrigger>
          </Tip>
          <DropdownMenuContent align="end" className="min-w-48">
            <DropdownMenuItem onSelect={onMarkUnread}>
              <MailOpen aria-hidden="true" />
              Mark as unread
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem asChild>
              <a href={inboxUrls.export(slug, conversationId, "json")} download>
                <Braces aria-hidden="true" />
                Export as JSON
              </a>
            </DropdownMenuItem>
            <DropdownMenuItem asChild>
              <a href={inboxUrls.export(slug, conversationId, "csv")} download>
                <Sheet aria-hidden="true" />
                Export as CSV
              </a>
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
        <Tip label={detailsOpen ? "Hide details" : "Show details"}>
          <Button
            variant={detailsOpen ? "secondary" : "ghost"}
            size="icon"
            aria-expanded={detailsOpen}
            aria-controls="inbox-details"
            onClick={onToggleDetails}
          >
            <PanelRight aria-hidden="true" />
            <span className="sr-only">Details</span>
          </Button>
        </Tip>
      </div>
    </header>
  );
}

/** Who owns it, beside the channel and status: the assignee (with status) and the team. */
function Owners({ ownership }: { ownership: OwnershipControls }) {
  const { assignee, team } = ownership;
  return (
    <>
      <span className="inline-flex min-w-0 items-center gap-1">
        {assignee ? (
          <>
            <Avatar
              name={assignee.name}
              image={assignee.image}
              size="xs"
              status={assignee.status}
              decorative
            />
            <span className="max-w-[10rem] truncate text-foreground/80">
              <span className="sr-only">Assigned to </span>
              {assignee.name}
            </span>
            <StatusText status={assignee.status} />
          </>
        ) : (
          <span>Unassigned</span>
        )}
      </span>
      {team ? (
        <span className="inline-flex min-w-0 items-center gap-1">
          <Users aria-hidden="true" className="size-3.5 shrink-0" />
          <span className="max-w-[8rem] truncate">
            <span className="sr-only">Team </span>
            {team.name}
          </span>
        </span>
      ) : null}
    </>
  );
}

/** Assign to me, Assign user, Assign agent, Assign team. */
function AssignControls({ ownership }: { ownership: OwnershipControls }) {
  const { abilities, pending, agentSession } = ownership;
  const busy = pending !== null;
  const agent = agentSession?.agent ?? null;
  return (
    <>
      {abilities.claim ? (
        <Tip label="Assign to me">
          <Button
            variant="outline"
            size="sm"
            className="mr-1"
            loading={pending === "claim"}
            disabled={busy}
            onClick={ownership.claim}
          >
            {pending === "claim" ? null : <UserCheck aria-hidden="true" />}
            {/* On phones the header has no room for the words; the name stays. */}
            <span className="max-sm:sr-only">Assign to me</span>
          </Button>
        </Tip>
      ) : null}
      {abilities.member.enabled ? (
        <MemberPicker
          slug={ownership.slug}
          me={ownership.me}
          abilities={abilities}
          assignee={ownership.assignee}
          onAssign={ownership.assign}
          onUnassign={() => ownership.unassign("member")}
          tip={ownership.assignee ? `Assign user (now ${ownership.assignee.name})` : "Assign user"}
          trigger={
            <Button variant="ghost" size="icon" {...busyProps(busy)}>
              <UserPlus aria-hidden="true" />
              <span className="sr-only">Assign user</span>
            </Button>
          }
        />
      ) : (
        <DisabledButton icon={UserPlus} label="Assign user" reason={abilities.member.reason} />
      )}
      {abilities.agent.enabled || (agent && abilities.endAgent) ? (
        <AgentPicker
          ownership={ownership}
          tip={agent ? `Assign agent (now ${agent.name})` : "Assign agent"}
          trigger={
            <Button
              variant="ghost"
              size="icon"
              {...busyProps(busy)}
              className={cn(
                agent &&
                  "bg-violet-100 text-violet-800 hover:bg-violet-200 hover:text-violet-900 dark:bg-violet-500/15 dark:text-violet-200 dark:hover:bg-violet-500/25 dark:hover:text-violet-100",
              )}
            >
              <Sparkles aria-hidden="true" />
              <span className="sr-only">Assign agent</span>
            </Button>
          }
        />
      ) : (
        <DisabledButton icon={Sparkles} label="Assign agent" reason={abilities.agent.reason} />
      )}
      {abilities.team.enabled ? (
        <TeamPicker
          slug={ownership.slug}
          me={ownership.me}
          abilities={abilities}
          team={ownership.team}
          onAssign={ownership.assignTeam}
          onUnassign={() => ownership.unassign("team")}
          tip={ownership.team ? `Assign team (now ${ownership.team.name})` : "Assign team"}
          trigger={
            <Button variant="ghost" size="icon" {...busyProps(busy)}>
              <Users aria-hidden="true" />
              <span className="sr-only">Assign team</span>
            </Button>
          }
        />
      ) : (
        <DisabledButton icon={Users} label="Assign team" reason={abilities.team.reason} />
      )}
    </>
  );
}

/** A control that cannot be used here: visible, with the reason on hover and for screen readers. */
function DisabledButton({
  icon: Icon,
  label,
  reason,
}: {
  icon: LucideIcon;
  label: string;
  reason: string | null;
}) {
  return (
    <Tip label={`${label}: ${reason ?? "not available"}`}>
      {/* An unavailable button gets no pointer events, so the wrapper carries the hover hint;
          it stays focusable (aria-disabled, no action), so keyboard users reach the reason too. */}
      <span className="inline-flex">
        <Button variant="ghost" size="icon" aria-disabled="true" title={reason ?? undefined}>
          <Icon aria-hidden="true" />
          <span className="sr-only">{`${label} (${reason ?? "not available"})`}</span>
        </Button>
      </span>
    </Tip>
  );
}
