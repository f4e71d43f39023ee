import { channelLabels } from "./channel";
import type { DetailEvent, DetailMessage } from "./types";

export type ThreadEntry =
  | { type: "day"; key: string; label: string }
  | { type: "message"; key: string; at: string; message: DetailMessage; pending: boolean }
  | { type: "event"; key: string; at: string; text: string };

/** Resolves the ids an event's data carries to the names shown today. */
export interface NameLookup {
  member: (id: string) => string | undefined;
  team: (id: string) => string | undefined;
}

const text = (data: Record<string, unknown>, key: string): string | undefined => {
  const value = data[key];
  return typeof value === "string" && value.trim() ? value : undefined;
};

const capitalized = (sentence: string) => sentence.replace(/^./, (c) => c.toUpperCase());

const humanize = (type: string) => type.replace(/[_.]+/g, " ").trim();

/** One sentence for a history event: "Dana assigned this to Sam". Unknown types stay readable. */
export function describeEvent(event: DetailEvent, names: NameLookup): string {
  const data = event.data;
  const actor = event.actorName ?? undefined;
  const memberName = (idKey: string, nameKey: string) => {
    const id = text(data, idKey);
    return text(data, nameKey) ?? (id ? names.member(id) : undefined);
  };
  const teamName = (idKey: string, nameKey: string) => {
    const id = text(data, idKey);
    return text(data, nameKey) ?? (id ? names.team(id) : undefined);
  };
  const agentName = text(data, "agentName") ?? "the AI agent";
  const reason = text(data, "reason");

  switch (event.type) {
    case "created": {
      const channel = text(data, "channel");
      const label = Object.entries(channelLabels).find(([key]) => key === channel)?.[1];
      return `Conversation started on ${label ?? "an unknown channel"}`;
    }
    case "closed": {
      const closed = actor ? `${actor} closed the conversation` : "The conversation was closed";
      if (reason !== "reset_on_close") return closed;
      const from = memberName("unassigned", "unassignedName") ?? "the assignee";
      return `${closed}; ${from} was unassigned so the next message is routed afresh`;
    }
    case "reopened": {
      if (reason !== "customer_message") {
        return actor ? `${actor} reopened the conversation` : "The conversation was reopened";
      }
      const sticky = memberName("sticky", "stickyName");
      if (sticky) return `Reopened by a new message from the customer; back with ${sticky}`;
      const released = memberName("released", "releasedName");
      if (released) {
        return `Reopened by a new message from the customer; ${released} was not available, so it was routed afresh`;
      }
      return "Reopened by a new message from the customer";
    }
    case "assigned": {
      const to = memberName("to", "toName") ?? "a former member";
      const via = text(data, "via");
      if (via === "self_assign") return `${to} replied first and was assigned`;
      if (via === "claim") return `${to} took this conversation`;
      const from = memberName("from", "fromName");
      if (actor && actor === to) return `${actor} assigned this to themselves`;
      if (actor && from && from !== to) return `${actor} reassigned this from ${from} to ${to}`;
      return actor ? `${actor} assigned this to ${to}` : `Assigned to ${to}`;
    }
    case "unassigned": {
      const from = memberName("from", "fromName");
      if (reason === "member_removed") {
        return `${from ?? "The assignee"} was removed from the workspace, so this is unassigned`;
      }
      if (reason === "member_left") {
        return `${from ?? "The assignee"} left the workspace, so this is unassigned`;
      }
      if (reason === "role_changed") {
        return `${from ?? "The assignee"} became a Viewer, so this is unassigned`;
      }
      if (actor) return from ? `${actor} unassigned ${from}` : `${actor} unassigned this`;
      return `${from ?? "The assignee"} was unassigned`;
    }
    case "team_assigned": {
      const team = teamName("to", "toName") ?? "a deleted team";
      if (text(data, "via") === "handoff") {
        return capitalized(`${agentName} handed this to team ${team}`);
      }
      const moved = actor ? `${actor} assigned this to team ${team}` : `Assigned to team ${team}`;
      const released = memberName("unassigned", "unassignedName");
      // A routing team picks the assignee afresh, so the one before was taken off.
      if (!released) return moved;
      if (released === actor) return `${actor} handed this to team ${team} for its routing to pick`;
      return `${moved}; ${released} was unassigned so the team's routing could pick`;
    }
    case "team_unassigned": {
      const team = teamName("from", "fromName");
      if (reason === "team_deleted") {
        return `Team ${team ?? "(deleted)"} was deleted, so this has no team`;
      }
      if (actor) return team ? `${actor} removed team ${team}` : `${actor} removed the team`;
      return team ? `Removed from team ${team}` : "The team was removed";
    }
    case "routed": {
      const to = memberName("to", "toName") ?? teamName("team", "teamName");
      const team = teamName("teamId", "teamName");
      const where = team && to !== team ? ` in team ${team}` : "";
      const why = reason && reason !== "seed" ? ` (${reason})` : "";
      return to ? `Routed to ${to}${where}${why}` : `Routed${where}${why}`;
    }
    case "queued": {
      const team = teamName("teamId", "teamName");
      const pool = team ? `team ${team}` : "the workspace";
      return `Waiting for an available member: nobody in ${pool} could take it`;
    }
    case "assignment_disabled":
      return actor
        ? `${actor} turned assignment off for this conversation`
        : "Assignment was turned off for this conversation";
    case "assignment_enabled":
      return actor
        ? `${actor} turned assignment back on for this conversation`
        : "Assignment was turned back on for this conversation";
    case "agent_assigned":
    case "agent_session_started": {
      const started = actor
        ? `${actor} assigned AI agent ${agentName}`
        : capitalized(`AI agent ${agentName} started handling this conversation`);
      return data.sendInitialMessage === true
        ? `${started}; it wrote to the customer first`
        : `${started}; it answers the customer's next message`;
    }
    case "agent_unassigned":
    case "agent_session_ended":
      return agentSessionEnded({ agentName, actor, reason, detail: text(data, "detail") });
    default:
      return actor
        ? `${actor}: ${humanize(event.type)}`
        : `${humanize(event.type).replace(/^./, (c) => c.toUpperCase())}`;
  }
}

/** Why an AI agent's session ended, for every reason the sessions module records. */
function agentSessionEnded({
  agentName,
  actor,
  reason,
  detail,
}: {
  agentName: string;
  actor: string | undefined;
  reason: string | undefined;
  detail: string | undefined;
}): string {
  const because = detail ? `: “${detail}”` : "";
  switch (reason) {
    case "ended_by_member":
      return actor
        ? `${actor} ended ${agentName}'s session`
        : capitalized(`${agentName}'s session was ended`);
    case "unassigned":
      return actor
        ? `${actor} unassigned AI agent ${agentName}; its session ended`
        : capitalized(`AI agent ${agentName} was unassigned; its session ended`);
    case "closed":
      return actor
        ? `${actor} closed the conversation, ending ${agentName}'s session`
        : capitalized(`${agentName}'s session ended because the conversation was closed`);
    case "expired":
      return capitalized(`${agentName}'s session reached its time limit; a person takes over`);
    case "handoff":
      return capitalized(`${agentName} handed this off to a person${because}`);
    case "error":
      return capitalized(
        `${agentName} stopped after an error and handed off to a person${because}`,
      );
    case "agent_deleted":
      return capitalized(`AI agent ${agentName} was deleted, so its session ended`);
    default:
      return actor
        ? `${actor} ended ${agentName}'s session`
        : capitalized(`${agentName} stopped handling this conversation`);
  }
}

function dayLabel(date: Date, now: Date): string {
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const diff = Math.round((day(now) - day(date)) / 86_400_000);
  if (diff === 0) return "Today";
  if (diff === 1) return "Yesterday";
  return date.toLocaleDateString(undefined, {
    weekday: "short",
    month: "short",
    day: "numeric",
    year: date.getFullYear() === now.getFullYear() ? undefined : "numeric",
  });
}

/**
 * Messages and history events in one time line, with a day heading whenever the date changes.
 * At the same instant an event goes first: "Conversation started" precedes the first message.
 */
export function buildThread({
  messages,
  pending,
  events,
  names,
  now = new Date(),
}: {
  messages: DetailMessage[];
  pending: DetailMessage[];
  events: DetailEvent[];
  names: NameLookup;
  now?: Date;
}): ThreadEntry[] {
  const timed = [
    ...events.map((event) => ({
      rank: 0,
      entry: {
        type: "event" as const,
        key: `event-${event.id}`,
        at: event.createdAt,
        text: describeEvent(event, names),
      },
    })),
    ...messages.map((message) => ({
      rank: 1,
      entry: {
        type: "message" as const,
        key: message.id,
        at: message.createdAt,
        message,
        pending: false,
      },
    })),
  ].sort((a, b) => a.entry.at.localeCompare(b.entry.at) || a.rank - b.rank);
  // Unconfirmed messages stay last, whatever the clocks say.
  const ordered: ThreadEntry[] = [
    ...timed.map(({ entry }) => entry),
    ...pending.map((message) => ({
      type: "message" as const,
      key: message.id,
      at: message.createdAt,
      message,
      pending: true,
    })),
  ];

  const result: ThreadEntry[] = [];
  let lastDay = "";
  for (const entry of ordered) {
    if (entry.type === "day") continue;
    const date = new Date(entry.at);
    const label = dayLabel(date, now);
    if (label !== lastDay) {
      result.push({ type: "day", key: `day-${entry.at}`, label });
      lastDay = label;
    }
    result.push(entry);
  }
  return result;
}
