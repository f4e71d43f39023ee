import type { DetailResponse } from "./types";

export type AgentSessionEntry = DetailResponse["agentSessions"][number];
type EndReason = NonNullable<AgentSessionEntry["endReason"]>;

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
});

/** "10:02" today, "Mar 3, 10:02" on another day. */
export function sessionTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  return date.toDateString() === now.toDateString()
    ? timeFormat.format(date)
    : dayTimeFormat.format(date);
}

const quoted = (detail: string | null) => (detail?.trim() ? ` — “${detail.trim()}”` : "");

/** Why a session ended, in plain words: "handed off — “The customer asked for a person.”". */
export function endReasonText({
  reason,
  detail,
  endedBy,
}: {
  reason: EndReason | null;
  detail: string | null;
  endedBy: string | null;
}): string {
  switch (reason) {
    case "ended_by_member":
      return endedBy ? `ended by ${endedBy}` : "ended by a member";
    case "unassigned":
      return endedBy ? `unassigned by ${endedBy}` : "the agent was unassigned";
    case "closed":
      return endedBy ? `${endedBy} closed the conversation` : "the conversation was closed";
    case "expired":
      return "it reached its time limit";
    case "handoff":
      return `handed off to a person${quoted(detail)}`;
    case "error":
      return `stopped after an error and handed off${quoted(detail)}`;
    case "agent_deleted":
      return "the agent was deleted";
    case null:
      return "ended";
  }
}

/**
 * One line of the drawer's "Agent sessions": "Ava — started by Dana, 10:02 · ended 10:15:
 * handed off — “The customer asked for a person.”" (the name is shown apart, so it is left out).
 */
export function sessionSummary(session: AgentSessionEntry, now = new Date()) {
  const by = session.startedByName ? `started by ${session.startedByName}, ` : "started ";
  const started = `${by}${sessionTime(session.startedAt, now)}`;
  if (!session.endedAt) return { started, ended: "handling it now" };
  const why = endReasonText({
    reason: session.endReason,
    detail: session.endDetail,
    endedBy: session.endedByName,
  });
  return {
    started,
    ended: `ended ${sessionTime(session.endedAt, now)}: ${why}`,
  };
}
