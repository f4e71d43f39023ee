"use client";

import {
  type InfiniteData,
  keepPreviousData,
  type QueryClient,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from "@tanstack/react-query";
import { useMemo } from "react";
import { usePollingFallback } from "@/components/realtime/live-provider";
import { fetchJson, inboxKeys, inboxUrls, POLL_MS, retryTransient } from "./api";
import type {
  ConversationListItem,
  ConversationPage,
  DetailResponse,
  InboxQuery,
  ViewsResponse,
} from "./types";

export function useViewCounts(slug: string) {
  return useQuery({
    queryKey: inboxKeys.views(slug),
    queryFn: ({ signal }) => fetchJson<ViewsResponse>(inboxUrls.views(slug), signal),
    select: (data) => data.views,
    refetchInterval: usePollingFallback(POLL_MS),
    retry: retryTransient,
  });
}

/**
 * The list, page by page along the server's keyset cursor. A refetch walks the pages again from
 * the first, so a conversation that moved to the top can briefly sit on two pages: the flat list
 * keeps its first (newest) appearance.
 */
export function useConversationList(slug: string, query: InboxQuery) {
  const result = useInfiniteQuery({
    queryKey: inboxKeys.list(slug, query),
    queryFn: ({ pageParam, signal }) =>
      fetchJson<ConversationPage>(inboxUrls.list(slug, query, pageParam), signal),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // While a new search or filter loads, the previous results stay (dimmed) instead of a
    // skeleton flashing on every keystroke.
    placeholderData: keepPreviousData,
    refetchInterval: usePollingFallback(POLL_MS),
    retry: retryTransient,
  });
  const items = useMemo(() => {
    const seen = new Set<string>();
    const flat: ConversationListItem[] = [];
    for (const page of result.data?.pages ?? []) {
      for (const item of page.items) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        flat.push(item);
      }
    }
    return flat;
  }, [result.data]);
  return { ...result, items };
}

export const detailOptions = (slug: string, id: string) =>
  queryOptions({
    queryKey: inboxKeys.detail(slug, id),
    queryFn: ({ signal }) => fetchJson<DetailResponse>(inboxUrls.detail(slug, id), signal),
    retry: retryTransient,
  });

export function useConversationDetail(slug: string, id: string) {
  return useQuery({ ...detailOptions(slug, id), refetchInterval: usePollingFallback(POLL_MS) });
}

/** Changes one conversation in every cached list, e.g. its unread dot before the server answers. */
export function patchListItem(
  queryClient: QueryClient,
  slug: string,
  id: string,
  patch: Partial<ConversationListItem>,
) {
  queryClient.setQueriesData<InfiniteData<ConversationPage, string>>(
    { queryKey: inboxKeys.lists(slug) },
    (data) =>
      data && {
        ...data,
        pages: data.pages.map((page) => ({
          ...page,
          items: page.items.map((item) => (item.id === id ? { ...item, ...patch } : item)),
        })),
      },
  );
}
