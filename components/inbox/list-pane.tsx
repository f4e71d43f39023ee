"use client";

import { Keyboard } from "lucide-react";
import { useCallback } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { ConversationList } from "./conversation-list";
import { FilterBar, SearchBox } from "./list-filters";
import { Tip } from "./tip";
import type { InboxFilters, InboxMe, InboxQuery, MemberOption, TeamOption, View } from "./types";
import { useViewCounts } from "./use-inbox-data";
import { isCurrentView, ViewsNav } from "./views-nav";

const fallbackLabels: Record<View, string> = {
  mine: "Mine",
  unassigned: "Unassigned",
  team: "Team",
  all: "All",
  ai: "AI-handled",
  closed: "Closed",
};

/** Pane 2: the current view's name, search, filters and the list. */
export function ListPane({
  slug,
  query,
  setQuery,
  me,
  canReply,
  members,
  teams,
  openId,
  hrefFor,
  onOpen,
  onShowShortcuts,
  className,
}: {
  slug: string;
  query: InboxQuery;
  setQuery: (query: InboxQuery, mode?: "push" | "replace") => void;
  me: InboxMe;
  canReply: boolean;
  members: MemberOption[];
  teams: TeamOption[];
  openId: string | null;
  hrefFor: (id: string) => string;
  onOpen: (id: string) => void;
  onShowShortcuts: () => void;
  className?: string;
}) {
  const counts = useViewCounts(slug);
  const current = counts.data?.find((entry) => isCurrentView(query, entry));
  const title =
    current?.label ??
    (query.view === "team" ? teams.find((team) => team.id === query.teamId)?.name : undefined) ??
    fallbackLabels[query.view];

  const onSearch = useCallback(
    (q: string) => setQuery({ ...query, q: q || undefined }),
    [query, setQuery],
  );
  const onFilters = (filters: InboxFilters) =>
    setQuery({ view: query.view, teamId: query.teamId, q: query.q, ...filters });
  const onView = (view: View, teamId?: string) => setQuery({ ...query, view, teamId }, "push");

  return (
    <section
      aria-label="Conversation list"
      className={cn(
        "min-h-0 w-full shrink-0 flex-col border-border md:w-80 md:border-r xl:w-[21rem]",
        className,
      )}
    >
      <div className="flex shrink-0 flex-col gap-2.5 border-border border-b px-3 pt-3 pb-2.5">
        <div className="flex items-center gap-2">
          <h1 className="min-w-0 truncate font-semibold text-lg tracking-tight">{title}</h1>
          <Tip label="Keyboard shortcuts" shortcut="?">
            <Button
              variant="ghost"
              size="icon"
              className="ml-auto size-8 text-muted-foreground"
              onClick={onShowShortcuts}
            >
              <Keyboard aria-hidden="true" />
              <span className="sr-only">Keyboard shortcuts</span>
            </Button>
          </Tip>
        </div>
        <ViewsNav
          slug={slug}
          query={query}
          onChange={onView}
          layout="chips"
          className="-mx-3 overflow-x-auto px-3 pb-0.5 [scrollbar-width:none] xl:hidden"
        />
        <SearchBox value={query.q ?? ""} onSearch={onSearch} />
        <FilterBar query={query} me={me} members={members} teams={teams} onChange={onFilters} />
      </div>
      <ConversationList
        slug={slug}
        query={query}
        me={me}
        canClaim={canReply}
        openId={openId}
        hrefFor={hrefFor}
        onOpen={onOpen}
        onClearFilters={() => setQuery({ view: query.view, teamId: query.teamId })}
      />
    </section>
  );
}
