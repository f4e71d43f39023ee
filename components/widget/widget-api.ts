import type { WidgetMessage, WidgetMessagesPage, WidgetSession } from "@/lib/channels/widget/types";
import type { ErrorBody } from "@/lib/errors";

export const NETWORK_MESSAGE = "We could not reach the chat. Check your connection and try again.";

/** A failed widget request: the server's code and message, or `network` when none answered. */
export class WidgetRequestError extends Error {
  readonly status: number;
  readonly code: ErrorBody["code"] | "network";
  readonly fields?: Record<string, string>;

  constructor(
    status: number,
    body: { code: WidgetRequestError["code"]; message: string; fields?: Record<string, string> },
  ) {
    super(body.message);
    this.name = "WidgetRequestError";
    this.status = status;
    this.code = body.code;
    this.fields = body.fields;
  }
}

function errorBodyOf(data: unknown): ErrorBody | null {
  if (!data || typeof data !== "object" || !("error" in data)) return null;
  const { error } = data;
  if (!error || typeof error !== "object" || !("message" in error) || !("code" in error)) {
    return null;
  }
  return error as ErrorBody;
}

async function call<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, cache: "no-store" });
  } catch {
    throw new WidgetRequestError(0, { code: "network", message: NETWORK_MESSAGE });
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw new WidgetRequestError(
      response.status,
      errorBodyOf(data) ?? { code: "internal", message: NETWORK_MESSAGE },
    );
  }
  return data as T;
}

const base = (publicId: string) => `/api/widget/${encodeURIComponent(publicId)}`;
const json = { "content-type": "application/json" };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function openSession(publicId: string, token: string | null): Promise<WidgetSession> {
  return call(`${base(publicId)}/session`, {
    method: "POST",
    headers: json,
    body: JSON.stringify(token ? { token } : {}),
  });
}

export function fetchMessages(
  publicId: string,
  { token, after }: { token: string; after: string | null },
): Promise<WidgetMessagesPage> {
  const query = after ? `?after=${encodeURIComponent(after)}` : "";
  return call(`${base(publicId)}/messages${query}`, { headers: bearer(token) });
}

export async function postMessage(
  publicId: string,
  { token, body, name, email }: { token: string; body: string; name?: string; email?: string },
): Promise<WidgetMessage> {
  const result = await call<{ message: WidgetMessage }>(`${base(publicId)}/messages`, {
    method: "POST",
    headers: { ...json, ...bearer(token) },
    body: JSON.stringify({ body, name, email }),
  });
  return result.message;
}
