"use client";

import {
  CircleCheck,
  CircleDashed,
  CircleUserRound,
  Inbox,
  type LucideIcon,
  Sparkles,
  UsersRound,
} from "lucide-react";
import { usePathname } from "next/navigation";
import type { MouseEvent } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import type { InboxQuery, View, ViewCount } from "./types";
import { useViewCounts } from "./use-inbox-data";
import { viewHref } from "./use-inbox-query";

const viewIcons: Record<View, LucideIcon> = {
  mine: CircleUserRound,
  unassigned: CircleDashed,
  team: UsersRound,
  all: Inbox,
  ai: Sparkles,
  closed: CircleCheck,
};

export const countText = (entry: Pick<ViewCount, "count" | "capped">) =>
  entry.capped ? `${entry.count}+` : String(entry.count);

export const isCurrentView = (query: InboxQuery, entry: ViewCount) =>
  query.view === entry.view && (entry.view !== "team" || query.teamId === entry.teamId);

/** A plain left click changes the view in place; any other click may open a new tab. */
const isPlainClick = (event: MouseEvent) =>
  event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

/**
 * Pane 1: the viewer's views with live counts. A column on wide screens, a row of chips above
 * the list elsewhere. Changing view keeps the filters, the search and the open conversation.
 */
export function ViewsNav({
  slug,
  query,
  onChange,
  layout,
  className,
}: {
  slug: string;
  query: InboxQuery;
  onChange: (view: View, teamId?: string) => void;
  layout: "column" | "chips";
  className?: string;
}) {
  const pathname = usePathname();
  const counts = useViewCounts(slug);
  const column = layout === "column";

  return (
    <nav aria-label="Inbox views" className={className}>
      {counts.data ? (
        <ul className={cn(column ? "grid gap-0.5" : "flex gap-1.5")}>
          {counts.data.map((entry) => {
            const Icon = viewIcons[entry.view];
            const current = isCurrentView(query, entry);
            return (
              <li key={`${entry.view}-${entry.teamId ?? ""}`} className="shrink-0">
                <a
                  href={viewHref(pathname, query, entry.view, entry.teamId)}
                  aria-current={current ? "page" : undefined}
                  aria-label={`${entry.label} ${countText(entry)}`}
                  onClick={(event) => {
                    if (!isPlainClick(event)) return;
                    event.preventDefault();
                    onChange(entry.view, entry.teamId);
                  }}
                  className={cn(
                    "flex items-center gap-2 text-sm transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                    column
                      ? "rounded-md px-2.5 py-1.5"
                      : "h-8 rounded-full border border-border px-3 text-[13px]",
                    current
                      ? column
                        ? "bg-accent font-medium text-accent-foreground"
                        : "border-transparent bg-foreground font-medium text-background"
                      : "text-muted-foreground hover:bg-accent hover:text-accent-foreground",
                  )}
                >
                  {column ? <Icon aria-hidden="true" className="size-4 shrink-0" /> : null}
                  <span className="truncate">{entry.label}</span>
                  <span
                    className={cn(
                      "ml-auto shrink-0 text-xs tabular-nums",
                      current ? "opacity-80" : "text-muted-foreground",
                      entry.count === 0 && !current && "opacity-60",
                    )}
                  >
                    {countText(entry)}
                  </span>
                </a>
              </li>
            );
          })}
        </ul>
      ) : (
        <ViewsSkeleton column={column} failed={counts.isError} onRetry={() => counts.refetch()} />
      )}
    </nav>
  );
}

function ViewsSkeleton({
  column,
  failed,
  onRetry,
}: {
  column: boolean;
  failed: boolean;
  onRetry: () => void;
}) {
  if (failed) {
    return (
      <p className="px-2.5 py-1.5 text-muted-foreground text-xs">
        Views did not load.{" "}
        <button
          type="button"
          onClick={onRetry}
          className="font-medium text-link hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          Retry
        </button>
      </p>
    );
  }
  return (
    <div aria-busy="true" className={cn(column ? "grid gap-0.5" : "flex gap-1.5")}>
      {["w-16", "w-24", "w-20", "w-12", "w-24", "w-16"].map((width, index) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholders that never reorder
          key={index}
          className={cn(
            "flex items-center gap-2",
            column ? "h-8 px-2.5" : "h-8 shrink-0 rounded-full border border-border px-3",
          )}
        >
          {column ? <Skeleton className="size-4" /> : null}
          <Skeleton className={cn("h-3", width)} />
          <Skeleton className="ml-auto h-3 w-4" />
        </div>
      ))}
      <span className="sr-only" role="status">
        Loading views
      </span>
    </div>
  );
}
