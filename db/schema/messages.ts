import { sql } from "drizzle-orm";
import {
  customType,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { aiAgents } from "./agents";
import { conversations } from "./conversations";
import { members, workspaces } from "./workspaces";

export const messageKinds = ["inbound", "outbound", "note", "system"] as const;
export type MessageKind = (typeof messageKinds)[number];
export const messageKindEnum = pgEnum("message_kind", messageKinds);

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

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
    /** The AI agent that wrote an outbound message. */
    authorAgentId: uuid().references(() => aiAgents.id, { onDelete: "set null" }),
    body: text().notNull(),
    // 'simple': customers write in any language, so words are matched as written, unstemmed.
    search: tsvector().generatedAlwaysAs(sql`to_tsvector('simple', body)`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * The `Idempotency-Key` an API client sent with an inbound message: the same key again
     * returns this message instead of writing another (a bridge retrying after a timeout).
     */
    idempotencyKey: text(),
  },
  (t) => [
    index("messages_conversation_idx").on(t.conversationId, t.createdAt),
    index("messages_search_idx").using("gin", t.search),
    uniqueIndex("messages_idempotency_idx")
      .on(t.workspaceId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
  ],
);
export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;
