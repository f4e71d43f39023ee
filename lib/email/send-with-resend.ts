import "server-only";
import { Resend } from "resend";
import type { OutboxEmail } from "@/db/schema/email";
import { parseRetryAfter } from "./backoff";

export type SendOutcome =
  /** `providerMessageId` is null when nothing left the process (the dev mailbox). */
  | { kind: "sent"; providerMessageId: string | null }
  | { kind: "retry"; error: string; retryAfterMs: number | null }
  | { kind: "failed"; error: string };

/** The SDK sets no timeout; a hung request must not outlive the deliverer's lease. */
export const sendTimeoutMs = 10_000;

export function createResendClient(config: { apiKey: string; baseUrl: string | undefined }) {
  return new Resend(config.apiKey, { baseUrl: config.baseUrl });
}

/**
 * Sends one outbox row. The row id is the Idempotency-Key, so Resend accepts it at most once
 * however many times a crash or timeout makes us repeat the request (Resend keeps keys 24 h).
 */
export async function sendWithResend(
  client: Resend,
  { email, from, now }: { email: OutboxEmail; from: string; now: Date },
): Promise<SendOutcome> {
  try {
    const { data, error, headers } = await client.emails.send(
      {
        from,
        to: [email.toAddress],
        subject: email.subject,
        html: email.html,
        text: email.text,
        tags: [{ name: "template", value: tagValue(email.template) }],
      },
      { idempotencyKey: email.id, signal: AbortSignal.timeout(sendTimeoutMs) },
    );
    if (data) return { kind: "sent", providerMessageId: data.id };
    // The SDK copies statusCode from the error body; a body without one leaves it undefined.
    const status: number | null | undefined = error.statusCode;
    const description = `${error.name} (${status ?? "no response"}): ${error.message}`;
    if (!isRetryable(error.name, status)) return { kind: "failed", error: description };
    const retryAfterMs = status === 429 ? parseRetryAfter(headers?.["retry-after"], now) : null;
    return { kind: "retry", error: description, retryAfterMs };
  } catch (error) {
    // The SDK reports HTTP and network failures as values; a throw is unexpected but transient.
    return { kind: "retry", error: `unexpected: ${String(error)}`, retryAfterMs: null };
  }
}

const KEY_PROBLEMS = new Set(["missing_api_key", "invalid_api_key", "restricted_api_key"]);

function isRetryable(name: string, status: number | null | undefined): boolean {
  if (status === null || status === undefined) {
    // No HTTP response at all (network failure, timeout): the SDK names it application_error.
    return name === "application_error" || name === "internal_server_error";
  }
  if (status === 429 || status >= 500) return true;
  // A missing, wrong or restricted key is the sender's configuration, not the email: retried
  // with backoff (8 tries over about 10 minutes), so invitations still go out once an operator
  // fixes RESEND_API_KEY, where one refusal used to fail every email queued meanwhile.
  if (KEY_PROBLEMS.has(name)) return true;
  // Another request with the same key is still running; asking again later is the documented fix.
  return status === 409 && name === "concurrent_idempotent_requests";
}

/** Resend tags allow only ASCII letters, digits, underscores and dashes. */
function tagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 256) || "email";
}
