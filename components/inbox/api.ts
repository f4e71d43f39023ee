import type { InboxQuery } from "./types";

/** While live updates are down, the list, the counts and the open conversation poll this often. */
export const POLL_MS = 5_000;

/** A route answered `{ error: { code, message } }`, or the network failed. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

function errorOf(body: unknown): { code: string; message: string } | null {
  if (typeof body !== "object" || body === null || !("error" in body)) return null;
  const { error } = body;
  if (typeof error !== "object" || error === null) return null;
  const code = "code" in error && typeof error.code === "string" ? error.code : "internal";
  const message =
    "message" in error && typeof error.message === "string"
      ? error.message
      : "Something went wrong. Try again.";
  return { code, message };
}

/** GETs one of the inbox routes; throws ApiError on `{ error }` or a failed request. */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, "network", "We could not reach the server. Check your connection.", {
      cause: error,
    });
  }
  const body: unknown = await response.json().catch(() => null);
  const error = errorOf(body);
  if (error) throw new ApiError(response.status, error.code, error.message);
  if (!response.ok || body === null) {
    throw new ApiError(response.status, "internal", "Something went wrong on our side. Try again.");
  }
  // The route's own types describe the body (see ./types); there is nothing else to check.
  return body as T;
}

/** 4xx answers will not change on a retry; network and server errors might. */
export function retryTransient(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

const base = (slug: string) => `/api/workspaces/${encodeURIComponent(slug)}`;

export const inboxUrls = {
  views: (slug: string) => `${base(slug)}/views`,
  list: (slug: string, query: InboxQuery, cursor?: string) => {
    const params = toListParams(query);
    if (cursor) params.set("cursor", cursor);
    return `${base(slug)}/conversations?${params}`;
  },
  detail: (slug: string, id: string) => `${base(slug)}/conversations/${id}`,
  export: (slug: string, id: string, format: "json" | "csv") =>
    `${base(slug)}/conversations/${id}/export?format=${format}`,
};

/** Query keys: everything of one workspace's inbox sits under ["inbox", slug]. */
export const inboxKeys = {
  all: (slug: string) => ["inbox", slug] as const,
  views: (slug: string) => ["inbox", slug, "views"] as const,
  lists: (slug: string) => ["inbox", slug, "list"] as const,
  list: (slug: string, query: InboxQuery) => ["inbox", slug, "list", query] as const,
  detail: (slug: string, id: string) => ["inbox", slug, "conversation", id] as const,
};

/** The query in the order the URL and the API both use; empty values are left out. */
export function toListParams(query: InboxQuery): URLSearchParams {
  const params = new URLSearchParams();
  params.set("view", query.view);
  if (query.view === "team" && query.teamId) params.set("teamId", query.teamId);
  if (query.assignee) params.set("assignee", query.assignee);
  if (query.team) params.set("team", query.team);
  if (query.status && query.view !== "closed") params.set("status", query.status);
  if (query.channel) params.set("channel", query.channel);
  if (query.agent) params.set("agent", query.agent);
  // The schema coerces any non-empty string to true, so "unread" is present only when on.
  if (query.unread) params.set("unread", "1");
  if (query.q) params.set("q", query.q);
  return params;
}
