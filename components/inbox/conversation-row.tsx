"use client";

import { CircleDashed, LoaderCircle, Sparkles, UserCheck } from "lucide-react";
import Link from "next/link";
import type { MouseEvent } from "react";
import { Avatar } from "@/components/ui/avatar";
import { formatRelative } from "@/lib/format";
import { cn } from "@/lib/utils";
import { ChannelIcon, channelLabels, contactName } from "./channel";
import type { ConversationListItem } from "./types";

/** "now", "5m", "3h", "2d", then a date: the list's time column stays narrow. */
function shortTime(date: Date, now: Date): string {
  const minutes = Math.floor((now.getTime() - date.getTime()) / 60_000);
  if (minutes < 1) return "now";
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 7) return `${days}d`;
  return date.toLocaleDateString(undefined, {
    month: "short",
    day: "numeric",
    year: date.getFullYear() === now.getFullYear() ? undefined : "numeric",
  });
}

/** Read in full by screen readers; starts with the contact's name so the row is findable. */
function rowLabel(item: ConversationListItem, name: string, now: Date): string {
  return [
    name,
    item.unread ? "unread" : null,
    channelLabels[item.channel],
    item.status === "closed" ? "closed" : null,
    item.preview ?? "no messages yet",
    formatRelative(new Date(item.lastMessageAt), now),
    item.assignee ? `assigned to ${item.assignee.name}` : "unassigned",
    item.team ? `team ${item.team.name}` : null,
    item.aiHandled ? "AI agent handling" : null,
  ]
    .filter(Boolean)
    .join(", ");
}

export function ConversationRow({
  item,
  href,
  selected,
  active,
  tabStop,
  now,
  onOpen,
  onPrefetch,
}: {
  item: ConversationListItem;
  href: string;
  selected: boolean;
  /** Where j/k left the selection, when that is not the open conversation. */
  active: boolean;
  tabStop: boolean;
  now: Date;
  onOpen: (id: string) => void;
  onPrefetch: (id: string) => void;
}) {
  const name = contactName(item.contact);
  const at = new Date(item.lastMessageAt);

  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    // Other clicks (new tab, new window) keep the browser's behaviour.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    onOpen(item.id);
  }

  return (
    <Link
      href={href}
      prefetch={false}
      scroll={false}
      data-conversation-id={item.id}
      aria-current={selected ? "page" : undefined}
      aria-label={rowLabel(item, name, now)}
      tabIndex={tabStop ? 0 : -1}
      onClick={onClick}
      onMouseEnter={() => onPrefetch(item.id)}
      onFocus={() => onPrefetch(item.id)}
      className={cn(
        "group relative flex h-[88px] gap-3 border-border border-b px-3 py-2.5 outline-none transition-colors",
        "focus-visible:z-10 focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset",
        selected ? "bg-accent" : active ? "bg-accent/60" : "hover:bg-accent/50",
      )}
    >
      {selected ? (
        <span aria-hidden="true" className="absolute inset-y-0 left-0 w-0.5 bg-primary" />
      ) : null}
      <span className="relative mt-0.5 h-fit shrink-0">
        <Avatar name={name} size="md" decorative />
        <span className="-right-1 -bottom-1 absolute flex size-4 items-center justify-center rounded-full bg-background text-muted-foreground ring-1 ring-border [&_svg]:size-2.5">
          <ChannelIcon channel={item.channel} label="none" />
        </span>
      </span>
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="flex items-center gap-2">
          {item.unread ? (
            <span aria-hidden="true" className="size-2 shrink-0 rounded-full bg-primary" />
          ) : null}
          <span
            className={cn(
              "truncate text-sm",
              item.unread ? "font-semibold text-foreground" : "font-medium text-foreground/90",
            )}
          >
            {name}
          </span>
          <time
            dateTime={item.lastMessageAt}
            title={at.toLocaleString()}
            className={cn(
              "ml-auto shrink-0 text-xs tabular-nums",
              item.unread ? "font-medium text-foreground" : "text-muted-foreground",
            )}
          >
            {shortTime(at, now)}
          </time>
        </span>
        <span
          className={cn(
            "mt-0.5 line-clamp-1 text-[13px]",
            item.unread ? "text-foreground/90" : "text-muted-foreground",
          )}
        >
          {item.preview ?? <span className="italic">No messages yet</span>}
        </span>
        <span className="mt-auto flex min-w-0 items-center gap-1.5 pt-1">
          {item.team ? (
            <span className="max-w-[9rem] truncate rounded border border-border px-1.5 text-[11px] text-muted-foreground leading-4">
              {item.team.name}
            </span>
          ) : null}
          {item.aiHandled ? (
            <span className="inline-flex items-center gap-0.5 rounded bg-violet-100 px-1.5 text-[11px] text-violet-800 leading-4 dark:bg-violet-500/15 dark:text-violet-200">
              <Sparkles aria-hidden="true" className="size-2.5" />
              AI
            </span>
          ) : null}
          {item.status === "closed" ? (
            <span className="rounded bg-muted px-1.5 text-[11px] text-muted-foreground leading-4">
              Closed
            </span>
          ) : null}
          <span
            className="ml-auto shrink-0"
            title={item.assignee ? `Assigned to ${item.assignee.name}` : "Unassigned"}
          >
            {item.assignee ? (
              <Avatar name={item.assignee.name} image={item.assignee.image} size="xs" decorative />
            ) : (
              <CircleDashed aria-hidden="true" className="size-4 text-muted-foreground/70" />
            )}
          </span>
        </span>
      </span>
    </Link>
  );
}

/**
 * "Assign to me" on an unassigned row: a sibling of the row's link (a button cannot sit inside
 * a link), shown on hover and keyboard focus, and always on touch screens where nothing hovers.
 */
export function ClaimButton({
  item,
  tabStop,
  pending,
  disabled,
  onClaim,
}: {
  item: ConversationListItem;
  tabStop: boolean;
  pending: boolean;
  disabled: boolean;
  onClaim: () => void;
}) {
  return (
    <button
      type="button"
      tabIndex={tabStop ? 0 : -1}
      disabled={disabled}
      aria-busy={pending || undefined}
      onClick={onClaim}
      className={cn(
        "absolute right-2.5 bottom-2 z-20 inline-flex h-6 items-center gap-1 rounded-md border border-input bg-background px-2 font-medium text-[12px] shadow-xs transition-opacity hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-60",
        pending
          ? "opacity-100"
          : "pointer-events-none opacity-0 group-focus-within/row:pointer-events-auto group-focus-within/row:opacity-100 group-hover/row:pointer-events-auto group-hover/row:opacity-100 pointer-coarse:pointer-events-auto pointer-coarse:opacity-100",
      )}
    >
      {pending ? (
        <LoaderCircle aria-hidden="true" className="size-3 animate-spin" />
      ) : (
        <UserCheck aria-hidden="true" className="size-3" />
      )}
      Assign to me
      <span className="sr-only">{`: ${contactName(item.contact)}`}</span>
    </button>
  );
}
