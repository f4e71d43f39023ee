import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { channelEnum } from "./channel";
import { contacts } from "./contacts";
import { teams } from "./teams";
import { members, workspaces } from "./workspaces";

export const conversationKinds = ["direct", "group"] as const;
export type ConversationKind = (typeof conversationKinds)[number];
export const conversationKindEnum = pgEnum("conversation_kind", conversationKinds);

export const conversationStatuses = ["open", "closed"] as const;
export type ConversationStatus = (typeof conversationStatuses)[number];
export const conversationStatusEnum = pgEnum("conversation_status", conversationStatuses);

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
    /**
     * The contact's name, email and phone, copied by triggers (migration 0018) when the
     * conversation is created or moved to another contact and whenever the contact's change,
     * so an inbox page shows who wrote without a join per row. Never written by the app.
     */
    contactName: text(),
    contactEmail: text(),
    contactPhone: text(),
    channel: channelEnum().notNull(),
    subject: text(),
    kind: conversationKindEnum().notNull().default("direct"),
    status: conversationStatusEnum().notNull().default("open"),
    assigneeId: uuid().references(() => members.id, { onDelete: "set null" }),
    teamId: uuid().references(() => teams.id, { onDelete: "set null" }),
    /** The active AI agent session, when one is handling the conversation. */
    agentSessionId: uuid(),
    assignmentDisabled: boolean().notNull().default(false),
    // Millisecond precision, like the JavaScript dates that write it and the list cursors
    // that carry it back: a cursor compares equal to the row it came from.
    lastMessageAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastMessagePreview: text(),
    /**
     * Since when the conversation has waited for routing because nobody was eligible; null
     * when it is not waiting. Routing drains these oldest first.
     */
    queuedAt: timestamp({ withTimezone: true }),
    /** Since when the customer has waited for an answer; null once answered. */
    waitingSince: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // One index per inbox view, each ending in the list order (newest activity first), so a
  // page is an index range scan; see bench/inbox.ts.
  (t) => [
    // Migration 0016 adds INCLUDE columns to the five *_activity_idx below (the assignee,
    // team and AI session each one does not already key on), so scope branches filter inside
    // the index; drizzle-kit cannot declare INCLUDE.
    index("conversations_status_activity_idx").on(
      t.workspaceId,
      t.status,
      t.lastMessageAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("conversations_assignee_activity_idx").on(
      t.workspaceId,
      t.assigneeId,
      t.status,
      t.lastMessageAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("conversations_team_activity_idx").on(
      t.workspaceId,
      t.teamId,
      t.status,
      t.lastMessageAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("conversations_unassigned_activity_idx")
      .on(t.workspaceId, t.status, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.assigneeId} is null`),
    index("conversations_agent_activity_idx")
      .on(t.workspaceId, t.status, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.agentSessionId} is not null`),
    index("conversations_queue_idx")
      .on(t.workspaceId, t.queuedAt, t.id)
      .where(sql`${t.queuedAt} is not null`),
    // Migration 0007 adds INCLUDE (id, workspace_id, status, last_message_at, assignee_id,
    // team_id) so search reads a contact's conversations from the index alone.
    index("conversations_contact_idx").on(t.contactId),
  ],
);
export type Conversation = typeof conversations.$inferSelect;
export type NewConversation = typeof conversations.$inferInsert;

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

/** When each member last read each conversation; unread = activity after it (or no row). */
export const conversationReads = pgTable(
  "conversation_reads",
  {
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    lastReadAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.conversationId] })],
);
