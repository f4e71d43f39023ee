import { guardFormula, quoteField } from "@/lib/csv";
import type { ConversationDetail } from "./get-conversation";

type ExportMessage = ConversationDetail["messages"][number];

const kindLabels = {
  inbound: "customer",
  outbound: "reply",
  note: "internal note",
  system: "system",
} as const;

/** Who wrote a message, and whether it was the customer, a member or an AI agent. */
function authorOf(message: ExportMessage, contactName: string) {
  if (message.kind === "inbound") return { author: contactName, authorKind: "contact" as const };
  if (!message.author) return { author: null, authorKind: null };
  return { author: message.author.name, authorKind: message.author.kind };
}

/** Everything about one conversation, as a document a person or a script can read. */
export function conversationToJson(detail: ConversationDetail) {
  const { conversation, contact } = detail;
  return {
    id: conversation.id,
    channel: conversation.channel,
    status: conversation.status,
    createdAt: conversation.createdAt.toISOString(),
    contact: { name: contact.name, email: contact.email, phone: contact.phone },
    assignee: detail.assignee?.name ?? null,
    team: detail.team?.name ?? null,
    aiAgent: detail.agentSession?.agent.name ?? null,
    messages: detail.messages.map((message) => ({
      at: message.createdAt.toISOString(),
      kind: kindLabels[message.kind],
      ...authorOf(message, contact.name ?? contact.email ?? "Customer"),
      body: message.body,
    })),
    agentSessions: detail.agentSessions.map((session) => ({
      agent: session.agent.name,
      startedAt: session.startedAt.toISOString(),
      startedBy: session.startedByName,
      endedAt: session.endedAt?.toISOString() ?? null,
      endReason: session.endReason,
      endDetail: session.endDetail,
      endedBy: session.endedByName,
    })),
    events: detail.events.map((event) => ({
      at: event.createdAt.toISOString(),
      type: event.type,
      by: event.actorName,
      data: event.data,
    })),
  };
}

/** Spreadsheets run cells that start like a formula; a leading quote keeps them text. */
const cell = (value: string | null | undefined) => quoteField(guardFormula(value ?? ""));

/** One row per message and per event, in time order. */
export function conversationToCsv(detail: ConversationDetail): string {
  const json = conversationToJson(detail);
  const rows = [
    ...json.messages.map((m) => ({
      at: m.at,
      row: [
        "message",
        m.at,
        m.kind,
        m.authorKind === "agent" ? `${m.author} (AI agent)` : m.author,
        m.body,
      ],
    })),
    ...json.events.map((e) => ({
      at: e.at,
      row: ["event", e.at, e.type, e.by, JSON.stringify(e.data)],
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const header = ["record", "time", "kind", "author", "text"];
  return `${[header, ...rows.map((r) => r.row)].map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}
