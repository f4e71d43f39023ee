"use client";

import { useQueryClient } from "@tanstack/react-query";
import {
  type KeyboardEvent,
  useEffect,
  useEffectEvent,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { ClaimButton, ConversationRow } from "./conversation-row";
import { ListEmpty, ListError, ListSkeleton } from "./list-states";
import type { InboxMe, InboxQuery } from "./types";
import { listScroll, requestRowFocus, takeRowFocus } from "./ui-state";
import { useAssignment } from "./use-assignment";
import { detailOptions, useConversationList } from "./use-inbox-data";
import { hasFilters } from "./use-inbox-query";
import { useNow } from "./use-now";
import { isInteractiveTarget, useShortcuts } from "./use-shortcuts";

/** Rows left below the selection when j starts loading the next page. */
const PREFETCH_ROWS = 5;

function rowIn(list: HTMLElement | null, id: string): HTMLElement | null {
  return list?.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(id)}"]`) ?? null;
}

/**
 * Pane 2's list: newest activity first, pages along the server's cursor as it scrolls (an
 * IntersectionObserver, with a button as the fallback). j/k move the selection, Enter opens.
 */
export function ConversationList({
  slug,
  query,
  me,
  canClaim,
  openId,
  hrefFor,
  onOpen,
  onClearFilters,
}: {
  slug: string;
  query: InboxQuery;
  me: InboxMe;
  /** "Assign to me" on unassigned rows: for everyone who may reply. */
  canClaim: boolean;
  openId: string | null;
  hrefFor: (id: string) => string;
  onOpen: (id: string) => void;
  onClearFilters: () => void;
}) {
  const queryClient = useQueryClient();
  const list = useConversationList(slug, query);
  const claim = useAssignment(slug, me.memberId);
  const claiming =
    claim.isPending && claim.variables.kind === "claim" ? claim.variables.conversationId : null;
  const { items, hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const scroller = useRef<HTMLDivElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const scrollKey = JSON.stringify(query);
  // Relative times move on every 30 s, not only on page load.
  const now = useNow();
  const [activeId, setActiveId] = useState(openId);
  const [seenOpenId, setSeenOpenId] = useState(openId);
  if (openId !== seenOpenId) {
    setSeenOpenId(openId);
    if (openId) setActiveId(openId);
  }
  const activeIndex = items.findIndex((item) => item.id === activeId);
  // Where the active row was in this view: when it leaves the list (closed with `e`, taken by
  // someone else, marked unread), the row now in its place becomes active, so j/k carry on
  // from there instead of from the top — and a keyboard focus it held moves there too.
  const [lastPlace, setLastPlace] = useState<{ key: string; id: string; index: number } | null>(
    null,
  );
  const [refocus, setRefocus] = useState<string | null>(null);
  if (
    activeIndex >= 0 &&
    activeId !== null &&
    (lastPlace?.key !== scrollKey || lastPlace.index !== activeIndex || lastPlace.id !== activeId)
  ) {
    setLastPlace({ key: scrollKey, id: activeId, index: activeIndex });
  } else if (
    activeIndex < 0 &&
    activeId !== null &&
    // Only the row that was active here and left: not one opened from elsewhere (the bell, a
    // link) that was never in this list.
    lastPlace?.id === activeId &&
    lastPlace.key === scrollKey &&
    items.length > 0 &&
    !list.isPlaceholderData
  ) {
    const next = items[Math.min(lastPlace.index, items.length - 1)];
    if (next) {
      setActiveId(next.id);
      setRefocus(next.id);
    }
  }
  useEffect(() => {
    if (!refocus) return;
    setRefocus(null);
    // Only a focus the vanished row took with it: never pull focus out of the composer.
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (lost && scroller.current?.offsetParent) {
      rowIn(scroller.current, refocus)?.focus({ preventScroll: true });
    }
  }, [refocus]);
  const tabStopId = activeIndex >= 0 ? activeId : (items[0]?.id ?? null);

  function loadMore() {
    // Placeholder rows belong to the previous query; its cursor means nothing to this one.
    if (hasNextPage && !isFetchingNextPage && !list.isPlaceholderData) void fetchNextPage();
  }
  const onSentinelVisible = useEffectEvent(loadMore);

  const pageCount = list.data?.pages.length ?? 0;
  useEffect(() => {
    const root = scroller.current;
    const target = sentinel.current;
    if (!root || !target || !hasNextPage || pageCount === 0) return;
    if (typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) onSentinelVisible();
      },
      { root, rootMargin: "0px 0px 480px 0px" },
    );
    observer.observe(target);
    return () => observer.disconnect();
    // A new page moves the sentinel; observing afresh re-checks whether it is still in reach.
  }, [hasNextPage, pageCount]);

  // A new view or filter starts at its own scroll position (the top, unless seen before); the
  // route swap that remounts the list on opening a conversation keeps scroll and focus.
  const restoredKey = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (restoredKey.current === scrollKey || items.length === 0 || !scroller.current) return;
    const mounting = restoredKey.current === null;
    restoredKey.current = scrollKey;
    scroller.current.scrollTop = listScroll.get(scrollKey) ?? 0;
    const focusId = mounting ? takeRowFocus() : null;
    if (focusId) rowIn(scroller.current, focusId)?.focus({ preventScroll: true });
  }, [items.length, scrollKey]);

  /** On phones the list is hidden while a conversation is open; keys must not act on it. */
  const listVisible = () => scroller.current !== null && scroller.current.offsetParent !== null;

  function move(delta: number) {
    if (items.length === 0 || !listVisible()) return;
    const focused = document.activeElement;
    const focusedId = focused instanceof HTMLElement ? focused.dataset.conversationId : undefined;
    const focusedIndex = items.findIndex((item) => item.id === focusedId);
    const from = focusedIndex >= 0 ? focusedIndex : activeIndex;
    const next =
      from < 0
        ? delta > 0
          ? 0
          : items.length - 1
        : Math.min(items.length - 1, Math.max(0, from + delta));
    const item = items[next];
    if (!item) return;
    setActiveId(item.id);
    const element = rowIn(scroller.current, item.id);
    element?.focus({ preventScroll: true });
    element?.scrollIntoView({ block: "nearest" });
    if (next >= items.length - PREFETCH_ROWS) loadMore();
  }

  function open(id: string) {
    setActiveId(id);
    // From the list page the route swap remounts the list; focus should land back on the row.
    if (openId === null) requestRowFocus(id);
    onOpen(id);
  }

  useShortcuts({
    j: (event) => {
      event.preventDefault();
      move(1);
    },
    k: (event) => {
      event.preventDefault();
      move(-1);
    },
    enter: (event) => {
      if (isInteractiveTarget(event.target) || !activeId || activeIndex < 0) return;
      if (!listVisible()) return;
      event.preventDefault();
      open(activeId);
    },
  });

  function onListKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    move(event.key === "ArrowDown" ? 1 : -1);
  }

  function prefetch(id: string) {
    void queryClient.prefetchQuery({ ...detailOptions(slug, id), staleTime: 10_000 });
  }

  const filtered = hasFilters(query);
  // After a search or a filter, screen readers hear what it found (only then: a view's count
  // moving with live updates would speak every few seconds).
  const found =
    !filtered || list.isPending || list.isPlaceholderData
      ? ""
      : items.length === 0
        ? "Nothing matches this search or these filters."
        : `${items.length}${hasNextPage ? " or more" : ""} conversation${items.length === 1 && !hasNextPage ? "" : "s"} found.`;

  return (
    <div
      ref={scroller}
      onScroll={(event) => listScroll.set(scrollKey, event.currentTarget.scrollTop)}
      className="min-h-0 flex-1 overflow-y-auto overscroll-contain"
    >
      <p role="status" className="sr-only">
        {found}
      </p>
      {list.isPending ? (
        <ListSkeleton />
      ) : list.isError && items.length === 0 ? (
        <ListError message={list.error.message} onRetry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <ListEmpty view={query.view} filtered={filtered} onClear={onClearFilters} />
      ) : (
        <>
          {list.isRefetchError ? (
            <p
              role="status"
              className="border-border border-b bg-warning/10 px-3 py-1.5 text-warning text-xs"
            >
              Could not refresh the list. Retrying…
            </p>
          ) : null}
          <ul
            aria-label="Conversations"
            aria-busy={list.isPlaceholderData || undefined}
            onKeyDown={onListKeyDown}
            className={cn("transition-opacity", list.isPlaceholderData && "opacity-60")}
          >
            {items.map((item) => (
              <li key={item.id} className="group/row relative">
                <ConversationRow
                  item={item}
                  href={hrefFor(item.id)}
                  selected={item.id === openId}
                  active={item.id === activeId}
                  tabStop={item.id === tabStopId}
                  now={now}
                  onOpen={open}
                  onPrefetch={prefetch}
                />
                {canClaim && item.claimable && !item.assignee && item.status === "open" ? (
                  <ClaimButton
                    item={item}
                    tabStop={item.id === tabStopId}
                    pending={claiming === item.id}
                    disabled={claiming !== null}
                    onClaim={() => claim.mutate({ kind: "claim", conversationId: item.id })}
                  />
                ) : null}
              </li>
            ))}
          </ul>
          <div ref={sentinel} aria-hidden="true" />
          {hasNextPage ? (
            <div className="flex justify-center p-3">
              <Button variant="ghost" size="sm" loading={isFetchingNextPage} onClick={loadMore}>
                Load more
              </Button>
            </div>
          ) : items.length > 8 ? (
            <p className="p-4 text-center text-muted-foreground text-xs">
              That is everything in this view.
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
