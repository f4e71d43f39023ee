import "server-only";
import { openVisitorSeal, sealVisitor } from "./visitor-seal";

/**
 * A ticket to open a visitor's live stream: `${visitorId}.${workspacePublicId}.${expires}.${hmac}`,
 * `expires` in whole seconds (base 36). EventSource cannot send headers, so the stream's
 * credential rides in its URL — and URLs end up in access logs and proxies. The visitor token
 * (90 days, and it reads and writes the conversation) never goes there: the widget trades it
 * for a ticket (POST …/stream-ticket with the token as a bearer) that only opens the stream
 * and only for `STREAM_TICKET_TTL_MS`. Signed with a key of its own, so a ticket is never a
 * token and a token never a ticket.
 */
export const STREAM_TICKET_TTL_MS = 10 * 60 * 1000;

const PURPOSE = "switchboard:widget-stream:v1";

export function signStreamTicket({
  visitorId,
  publicId,
  now = new Date(),
}: {
  visitorId: string;
  publicId: string;
  now?: Date;
}): { ticket: string; expiresAt: Date } {
  const expiresAt = new Date(Math.ceil((now.getTime() + STREAM_TICKET_TTL_MS) / 1000) * 1000);
  return { ticket: sealVisitor(PURPOSE, { visitorId, publicId, at: expiresAt }), expiresAt };
}

/** The visitor a ticket opens the stream for, or null: malformed, forged, expired or foreign. */
export function verifyStreamTicket(
  ticket: string,
  publicId: string,
  now = new Date(),
): string | null {
  const opened = openVisitorSeal(PURPOSE, ticket, publicId);
  if (!opened || opened.atMs <= now.getTime()) return null;
  return opened.visitorId;
}
