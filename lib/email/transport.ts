import "server-only";

export type EmailTransportConfig =
  | { kind: "resend"; apiKey: string; baseUrl: string | undefined; from: string }
  | { kind: "dev-mailbox" }
  /** Production without RESEND_API_KEY: nothing may leave, and links must not reach the log. */
  | { kind: "unconfigured" };

const defaultFrom = "Switchboard <onboarding@resend.dev>";

/**
 * The dev mailbox shows every sign-in link to whoever opens /dev/mailbox, so it is on only
 * outside production, or when DEV_MAILBOX=true (the end-to-end suite runs a production build).
 */
export function devMailboxEnabled(): boolean {
  return process.env.NODE_ENV !== "production" || process.env.DEV_MAILBOX === "true";
}

/** Read on every delivery run, so a changed environment takes effect without a restart. */
export function emailTransport(): EmailTransportConfig {
  const apiKey = process.env.RESEND_API_KEY;
  if (apiKey) {
    return {
      kind: "resend",
      apiKey,
      baseUrl: process.env.RESEND_BASE_URL || undefined,
      from: process.env.EMAIL_FROM || defaultFrom,
    };
  }
  return devMailboxEnabled() ? { kind: "dev-mailbox" } : { kind: "unconfigured" };
}

export class EmailNotConfiguredError extends Error {
  readonly code = "email_not_configured";
  constructor() {
    super("Email is not configured: set RESEND_API_KEY (or DEV_MAILBOX=true outside real use)");
    this.name = "EmailNotConfiguredError";
  }
}
