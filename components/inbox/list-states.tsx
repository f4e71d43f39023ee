import {
  CircleCheck,
  CircleDashed,
  CircleExclamationPoint,
  CircleUserRound,
  Inbox,
  RefreshCw,
  SearchX,
  Sparkles,
  UsersRound,
} from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import type { View } from "./types";

/** Rows the exact height of real ones, so nothing moves when the list arrives. */
export function ListSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div aria-busy="true">
      <span className="sr-only" role="status">
        Loading conversations
      </span>
      {Array.from({ length: rows }, (_, index) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholders that never reorder
          key={index}
          className="flex h-[88px] gap-3 border-border border-b px-3 py-2.5"
        >
          <Skeleton className="mt-0.5 size-8 shrink-0 rounded-full" />
          <div className="flex min-w-0 flex-1 flex-col gap-2 pt-0.5">
            <div className="flex items-center gap-2">
              <Skeleton className="h-3.5 w-28" />
              <Skeleton className="ml-auto h-3 w-6" />
            </div>
            <Skeleton className="h-3 w-4/5" />
            <div className="mt-auto flex items-center gap-2">
              <Skeleton className="h-3.5 w-14" />
              <Skeleton className="ml-auto size-5 rounded-full" />
            </div>
          </div>
        </div>
      ))}
    </div>
  );
}

const empties: Record<View, { icon: typeof Inbox; title: string; description: string }> = {
  mine: {
    icon: CircleUserRound,
    title: "Nothing assigned to you",
    description: "Open conversations assigned to you show up here.",
  },
  unassigned: {
    icon: CircleDashed,
    title: "No one is waiting",
    description: "Every open conversation has an owner.",
  },
  team: {
    icon: UsersRound,
    title: "Nothing for this team",
    description: "Open conversations of the team show up here.",
  },
  all: {
    icon: Inbox,
    title: "No open conversations",
    description: "When customers write through web chat, WhatsApp or the API, they land here.",
  },
  ai: {
    icon: Sparkles,
    title: "No AI-handled conversations",
    description: "Conversations an AI agent is handling show up here.",
  },
  closed: {
    icon: CircleCheck,
    title: "Nothing closed yet",
    description: "Closed conversations are kept here.",
  },
};

export function ListEmpty({
  view,
  filtered,
  onClear,
}: {
  view: View;
  filtered: boolean;
  onClear: () => void;
}) {
  if (filtered) {
    return (
      <EmptyState
        icon={SearchX}
        headingAs="h3"
        title="No conversations match"
        description="Try other words, or clear the filters to see the whole view."
        action={
          <Button variant="outline" size="sm" onClick={onClear}>
            Clear search and filters
          </Button>
        }
      />
    );
  }
  const empty = empties[view];
  return (
    <EmptyState
      icon={empty.icon}
      headingAs="h3"
      title={empty.title}
      description={empty.description}
    />
  );
}

export function ListError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert">
      <EmptyState
        icon={CircleExclamationPoint}
        headingAs="h3"
        title="Conversations did not load"
        description={message}
        action={
          <Button variant="outline" size="sm" onClick={onRetry}>
            <RefreshCw aria-hidden="true" />
            Retry
          </Button>
        }
      />
    </div>
  );
}
