import type { ConversationDetail } from "@/lib/conversations/get-conversation";
import type { ConversationListItem } from "@/lib/conversations/list-conversations";
import type { ApiConversation, ApiConversationSummary, ApiMessage } from "./schemas";

/**
 * The API's shapes, typed by the response schemas the OpenAPI document is built from, so a
 * field added here without the schema (or the reverse) fails to compile.
 */

export function toApiSummary(item: ConversationListItem): ApiConversationSummary {
  return {
    id: item.id,
    channel: item.channel,
    status: item.status,
    preview: item.preview,
    lastMessageAt: item.lastMessageAt,
    waitingSince: item.waitingSince,
    aiHandled: item.aiHandled,
    contact: item.contact,
    assignee: item.assignee ? { id: item.assignee.id, name: item.assignee.name } : null,
    team: item.team,
  };
}

export function toApiMessage(message: {
  id: string;
  kind: ApiMessage["kind"];
  body: string;
  createdAt: Date;
  author?: { kind: "member" | "agent"; id: string; name: string } | null;
}): ApiMessage {
  const { author } = message;
  return {
    id: message.id,
    kind: message.kind,
    body: message.body,
    createdAt: message.createdAt.toISOString(),
    author: author ? { id: author.id, name: author.name, kind: author.kind } : null,
  };
}

export function toApiConversation(detail: ConversationDetail): ApiConversation {
  const { conversation, contact } = detail;
  return {
    id: conversation.id,
    channel: conversation.channel,
    status: conversation.status,
    subject: conversation.subject,
    createdAt: conversation.createdAt.toISOString(),
    lastMessageAt: conversation.lastMessageAt.toISOString(),
    waitingSince: conversation.waitingSince?.toISOString() ?? null,
    closedAt: conversation.closedAt?.toISOString() ?? null,
    aiHandled: conversation.agentSessionId !== null,
    contact: {
      id: contact.id,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      identities: detail.identities,
    },
    assignee: detail.assignee ? { id: detail.assignee.id, name: detail.assignee.name } : null,
    team: detail.team,
    // Notes included: a key is a trusted integration of the workspace, like a member.
    messages: detail.messages.map(toApiMessage),
  };
}
