import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { conversations } from "./conversations";
import { teams } from "./teams";
import { members, workspaces } from "./workspaces";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * An AI agent: it can own a conversation through an agent session, answers from its
 * instructions and knowledge, and hands off to its team when it cannot help. Deleting one
 * keeps the row (`deletedAt`) so old replies still show who wrote them.
 */
export const aiAgents = pgTable(
  "ai_agents",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** One emoji shown as the agent's avatar. */
    avatar: text().notNull().default("🤖"),
    /** How it speaks and what it may promise: the system prompt of a model. */
    instructions: text().notNull().default(""),
    handoffTeamId: uuid().references(() => teams.id, { onDelete: "set null" }),
    sendInitialMessage: boolean().notNull().default(false),
    initialMessage: text().notNull().default(""),
    maxSessionMinutes: integer().notNull().default(1440),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("ai_agents_workspace_name_idx")
      .on(t.workspaceId, sql`lower(${t.name})`)
      .where(sql`${t.deletedAt} is null`),
  ],
);
export type AiAgent = typeof aiAgents.$inferSelect;
export type NewAiAgent = typeof aiAgents.$inferInsert;

export const knowledgeKinds = ["qa", "article"] as const;
export type KnowledgeKind = (typeof knowledgeKinds)[number];
export const knowledgeKindEnum = pgEnum("knowledge_kind", knowledgeKinds);

/** What an agent knows: a question with its answer, or a free-text article with a title. */
export const agentKnowledge = pgTable(
  "agent_knowledge",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    agentId: uuid()
      .notNull()
      .references(() => aiAgents.id, { onDelete: "cascade" }),
    kind: knowledgeKindEnum().notNull(),
    /** The question (Q&A) or the article's title. */
    title: text().notNull(),
    /** The answer (Q&A) or the article's text. */
    body: text().notNull(),
    search: tsvector().generatedAlwaysAs(
      sql`to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body, ''))`,
    ),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("agent_knowledge_agent_idx").on(t.agentId, t.createdAt),
    index("agent_knowledge_search_idx").using("gin", t.search),
  ],
);
export type AgentKnowledge = typeof agentKnowledge.$inferSelect;

export const agentSessionEndReasons = [
  "ended_by_member",
  "unassigned",
  "closed",
  "expired",
  "handoff",
  "error",
  "agent_deleted",
] as const;
export type AgentSessionEndReason = (typeof agentSessionEndReasons)[number];
export const agentSessionEndReasonEnum = pgEnum("agent_session_end_reason", agentSessionEndReasons);

/**
 * An AI agent handling a conversation, from assignment until it ends (by a member, on close,
 * on expiry, or by handing off). At most one active session per conversation.
 */
export const agentSessions = pgTable(
  "agent_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    agentId: uuid()
      .notNull()
      .references(() => aiAgents.id, { onDelete: "cascade" }),
    startedByMemberId: uuid().references(() => members.id, { onDelete: "set null" }),
    sendInitialMessage: boolean().notNull().default(false),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    endReason: agentSessionEndReasonEnum(),
    /** Why it ended, in words: the handoff reason, the model error. */
    endDetail: text(),
    endedByMemberId: uuid().references(() => members.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("agent_sessions_active_idx").on(t.conversationId).where(sql`${t.endedAt} is null`),
    index("agent_sessions_conversation_idx").on(t.conversationId, t.startedAt),
    index("agent_sessions_workspace_idx").on(t.workspaceId, t.startedAt),
    index("agent_sessions_expiry_idx").on(t.expiresAt).where(sql`${t.endedAt} is null`),
  ],
);
export type AgentSession = typeof agentSessions.$inferSelect;
