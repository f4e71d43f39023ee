import type { ConversationDetail } from "./get-conversation";

const kindLabels = {
  inbound: "customer",
  outbound: "reply",
  note: "internal note",
  system: "system",
} as const;

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
    messages: detail.messages.map((message) => ({
      at: message.createdAt.toISOString(),
      kind: kindLabels[message.kind],
      author:
        message.kind === "inbound"
          ? (contact.name ?? contact.email ?? "Customer")
          : (message.author?.name ?? null),
      body: message.body,
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
function cell(value: string | null | undefined): string {
  const text = value ?? "";
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One row per message and per event, in time order. */
export function conversationToCsv(detail: ConversationDetail): string {
  const json = conversationToJson(detail);
  const rows = [
    ...json.messages.map((m) => ({ at: m.at, row: ["message", m.at, m.kind, m.author, m.body] })),
    ...json.events.map((e) => ({
      at: e.at,
      row: ["event", e.at, e.type, e.by, JSON.stringify(e.data)],
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const header = ["record", "time", "kind", "author", "text"];
  return `${[header, ...rows.map((r) => r.row)].map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}
