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
  UserPlus,
  Users,
} from "lucide-react";
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
import { inboxUrls } from "./api";
import { ChannelIcon } from "./channel";
import { Tip } from "./tip";
import type { Channel } from "./types";

export const ASSIGNMENT_PENDING = "Assignment arrives with the assignment engine";
export const ASSIGNMENT_HINT_ID = "inbox-assignment-pending";

export function ConversationHeader({
  slug,
  conversationId,
  name,
  channel,
  status,
  aiHandled,
  canReply,
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
  aiHandled: boolean;
  canReply: boolean;
  statusPending: boolean;
  onSetStatus: (status: "open" | "closed") => void;
  onMarkUnread: () => void;
  onBack: () => void;
  detailsOpen: boolean;
  onToggleDetails: () => void;
}) {
  const closed = status === "closed";
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
          <h2 className="truncate font-semibold text-base leading-tight">{name}</h2>
          <div className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-muted-foreground text-xs">
            <ChannelIcon channel={channel} label="visible" />
            <Badge variant={closed ? "secondary" : "success"} className="px-1.5 py-0">
              {closed ? "Closed" : "Open"}
            </Badge>
            {aiHandled ? (
              <Badge variant="outline" className="px-1.5 py-0">
                <Sparkles aria-hidden="true" />
                AI agent
              </Badge>
            ) : null}
          </div>
        </div>
      </div>

      <div className="ml-auto flex items-center gap-1">
        {canReply ? (
          <>
            <span id={ASSIGNMENT_HINT_ID} className="sr-only">
              {ASSIGNMENT_PENDING}
            </span>
            <AssignButton icon={UserPlus} label="Assign user" />
            <AssignButton icon={Sparkles} label="Assign agent" />
            <AssignButton icon={Users} label="Assign team" />
            <span aria-hidden="true" className="mx-1 h-5 w-px bg-border" />
            <Tip label={closed ? "Reopen conversation" : "Close conversation"} shortcut="E">
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

/** Disabled until the assignment engine lands: visible, explained, never faked. */
function AssignButton({ icon: Icon, label }: { icon: LucideIcon; label: string }) {
  return (
    <Tip label={`${label}: ${ASSIGNMENT_PENDING.toLowerCase()}`}>
      {/* A disabled button gets no pointer events, so the wrapper carries the hover hint. */}
      <span className="inline-flex">
        <Button
          variant="ghost"
          size="icon"
          disabled
          aria-describedby={ASSIGNMENT_HINT_ID}
          title={ASSIGNMENT_PENDING}
        >
          <Icon aria-hidden="true" />
          <span className="sr-only">{label}</span>
        </Button>
      </span>
    </Tip>
  );
}
