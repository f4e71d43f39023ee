"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import type { z } from "zod";
import { listQuerySchema, type View, viewValues } from "@/lib/conversations/schemas";
import { toListParams } from "./api";
import type { InboxQuery } from "./types";

const shape = listQuerySchema.shape;

/** One field of the URL through its schema; a malformed value is dropped, not an error page. */
function pick<S extends z.ZodType>(schema: S, value: string | null): z.output<S> | undefined {
  if (value === null || value === "") return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

const isView = (value: string | null): value is View => viewValues.some((view) => view === value);

export function parseInboxQuery(params: URLSearchParams, defaultView: View): InboxQuery {
  const requested = params.get("view");
  const teamId = pick(shape.teamId, params.get("teamId"));
  let view = isView(requested) ? requested : defaultView;
  if (view === "team" && !teamId) view = defaultView;
  const unread = params.get("unread");
  return {
    view,
    teamId: view === "team" ? teamId : undefined,
    assignee: pick(shape.assignee, params.get("assignee")),
    team: pick(shape.team, params.get("team")),
    // Open is what every view but Closed shows anyway; only "closed" is a filter.
    status: view !== "closed" && params.get("status") === "closed" ? "closed" : undefined,
    channel: pick(shape.channel, params.get("channel")),
    agent: pick(shape.agent, params.get("agent")),
    unread: unread === "1" || unread === "true" ? true : undefined,
    q: pick(shape.q, params.get("q")) || undefined,
  };
}

export const hasFilters = (query: InboxQuery) =>
  Boolean(
    query.assignee ||
      query.team ||
      query.status ||
      query.channel ||
      query.agent ||
      query.unread ||
      query.q,
  );

/**
 * The list's view, filters and search live in the URL so a link can be shared. Changing them
 * goes through the History API, which Next.js folds into its router (useSearchParams follows)
 * without a server round trip or remounting the inbox, so the search box keeps its focus.
 */
export function useInboxQuery(slug: string, defaultView: View) {
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const query = useMemo(
    () => parseInboxQuery(new URLSearchParams(search), defaultView),
    [search, defaultView],
  );

  const setQuery = useCallback((next: InboxQuery, mode: "push" | "replace" = "replace") => {
    const url = `${window.location.pathname}?${toListParams(next)}`;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);

  const suffix = search ? `?${search}` : "";
  const listHref = `/${slug}/inbox${suffix}`;
  const hrefFor = useCallback((id: string) => `/${slug}/inbox/${id}${suffix}`, [slug, suffix]);

  return { query, setQuery, listHref, hrefFor };
}

/** The href of a view, keeping the filters and search (and whichever conversation is open). */
export function viewHref(pathname: string, query: InboxQuery, view: View, teamId?: string) {
  return `${pathname}?${toListParams({ ...query, view, teamId })}`;
}
