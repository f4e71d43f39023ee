import { boolean, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { teams } from "./teams";
import { members, workspaces } from "./workspaces";

export const channels = ["web_chat", "whatsapp", "api"] as const;
export type Channel = (typeof channels)[number];
export const channelEnum = pgEnum("channel", channels);

export const conversationKinds = ["direct", "group"] as const;
export type ConversationKind = (typeof conversationKinds)[number];
export const conversationKindEnum = pgEnum("conversation_kind", conversationKinds);

export const conversationStatuses = ["open", "closed"] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];
export const conversationStatusEnum = pgEnum("conversation_status", conversationStatuses);

export const messageKinds = ["inbound", "outbound", "note", "system"] as const;
export type MessageKind = (typeof messageKinds)[number];
export const messageKindEnum = pgEnum("message_kind", messageKinds);

export const contacts = pgTable(
  "contacts",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text(),
    email: text(),
    phone: text(),
    attributes: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("contacts_workspace_idx").on(t.workspaceId)],
);
export type Contact = typeof contacts.$inferSelect;
export type NewContact = typeof contacts.$inferInsert;

/**
 * The current state of a conversation. Ownership columns (assignee, team, agent session) are
 * written only by lib/assignment; every change also appends a conversation event.
 */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contactId: uuid()
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    channel: channelEnum().notNull(),
    kind: conversationKindEnum().notNull().default("direct"),
    status: conversationStatusEnum().notNull().default("open"),
    assigneeId: uuid().references(() => members.id, { onDelete: "set null" }),
    teamId: uuid().references(() => teams.id, { onDelete: "set null" }),
    /** The active AI agent session, when one is handling the conversation. */
    agentSessionId: uuid(),
    assignmentDisabled: boolean().notNull().default(false),
    lastMessageAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastMessagePreview: text(),
    /** Since when the customer has waited for an answer; null once answered. */
    waitingSince: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("conversations_workspace_activity_idx").on(t.workspaceId, t.lastMessageAt, t.id),
    index("conversations_assignee_idx").on(t.assigneeId),
    index("conversations_team_idx").on(t.teamId),
  ],
);
export type Conversation = typeof conversations.$inferSelect;
export type NewConversation = typeof conversations.$inferInsert;

export const messages = pgTable(
  "messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    kind: messageKindEnum().notNull(),
    /** The member who wrote an outbound message or note. */
    authorMemberId: uuid().references(() => members.id, { onDelete: "set null" }),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("messages_conversation_idx").on(t.conversationId, t.createdAt)],
);
export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;

/** Append-only history of ownership and state, written in the same transaction as the change. */
export const conversationEvents = pgTable(
  "conversation_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    type: text().notNull(),
    actorMemberId: uuid().references(() => members.id, { onDelete: "set null" }),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("conversation_events_conversation_idx").on(t.conversationId, t.createdAt)],
);
export type ConversationEvent = typeof conversationEvents.$inferSelect;
export type NewConversationEvent = typeof conversationEvents.$inferInsert;
