import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agentSessions } from "./agents";
import { conversations } from "./conversations";
import { messages } from "./messages";
import { workspaces } from "./workspaces";

export const agentTurnStatuses = ["pending", "replied", "handed_off", "dropped"] as const;
export type AgentTurnStatus = (typeof agentTurnStatuses)[number];
export const agentTurnStatusEnum = pgEnum("agent_turn_status", agentTurnStatuses);

/**
 * One thing an agent must answer: a customer's message during a session, or the session's
 * initial message. Its key (`message:{id}` / `initial:{sessionId}`) makes the answer happen
 * once however often the job runs: the reply and the turn's new status commit together.
 */
export const agentTurns = pgTable(
  "agent_turns",
  {
    key: text().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    sessionId: uuid()
      .notNull()
      .references(() => agentSessions.id, { onDelete: "cascade" }),
    inboundMessageId: uuid().references(() => messages.id, { onDelete: "cascade" }),
    status: agentTurnStatusEnum().notNull().default("pending"),
    replyMessageId: uuid().references(() => messages.id, { onDelete: "set null" }),
    attempts: integer().notNull().default(0),
    /** Why it was dropped or handed off. */
    detail: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("agent_turns_pending_idx").on(t.createdAt).where(sql`${t.status} = 'pending'`),
    index("agent_turns_session_idx").on(t.sessionId),
  ],
);
export type AgentTurn = typeof agentTurns.$inferSelect;
