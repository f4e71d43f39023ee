import { sql } from "drizzle-orm";
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { channelEnum } from "./channel";
import { conversations } from "./conversations";
import { members, workspaces } from "./workspaces";

/**
 * Reports read these rollups instead of the event log: each is kept current by triggers
 * (migration 0014) in the transaction of the change, and each equals a recomputation from
 * conversation_events + messages (the `report_expected_*` SQL functions; see
 * tests/integration/reports.test.ts). `team_id` / `team_key` is the conversation's team at the
 * moment of the fact, from its history; facts keep the id after the team is deleted.
 *
 * Counter tables carry each count four times — for (team, channel), (team, all channels),
 * (all teams, channel) and (all, all) — so every filter combination reads one small slice.
 * `team_key` is a team id, `-` for no team or `*` for all; `channel_key` a channel or `*`.
 */

/** Why an assignment ended. The first four took the conversation away from its member. */
export const reportEndReasons = [
  "reassigned",
  "unassigned",
  "team_rerouted",
  "reset_on_close",
  "released",
] as const;
export type ReportEndReason = (typeof reportEndReasons)[number];

/** One row per assignment of a member to a conversation (an `assigned` or `routed` event). */
export const reportAssignments = pgTable(
  "report_assignments",
  {
    /** The `assigned` / `routed` event that started it. */
    eventId: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    teamId: uuid(),
    channel: channelEnum().notNull(),
    /** claim | manual | self_assign | routing */
    via: text().notNull(),
    assignedAt: timestamp({ withTimezone: true }).notNull(),
    /** When the first-response clock starts: the assignment, or for a self-assignment the customer's first message. */
    clockStartAt: timestamp({ withTimezone: true }).notNull(),
    /** The member's first outbound message at or after the clock start, while the assignment lasted. */
    firstResponseAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
    endReason: text().$type<ReportEndReason>(),
    /** Whole seconds from the clock start to the first response (null while unanswered). */
    responseSeconds: integer(),
    /**
     * The previous assignment of this conversation to this member, so "distinct conversations
     * assigned in a range" is a count of rows whose previous one is outside it — no sort.
     */
    prevAssignedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // Covers the reports' scan of a range (the per-member and per-day figures).
    index("report_assignments_range_idx").on(
      t.workspaceId,
      t.assignedAt,
      t.memberId,
      t.responseSeconds,
      t.prevAssignedAt,
    ),
    index("report_assignments_conversation_idx").on(t.conversationId, t.memberId, t.assignedAt),
    index("report_assignments_team_idx").on(t.workspaceId, t.teamId, t.assignedAt),
    index("report_assignments_ended_idx")
      .on(t.workspaceId, t.endedAt, t.memberId, t.teamId, t.channel)
      .where(
        sql`${t.endReason} in ('reassigned', 'unassigned', 'team_rerouted', 'reset_on_close')`,
      ),
    index("report_assignments_member_idx").on(t.memberId, t.assignedAt),
    // At most one assignment of a conversation is running: the one the triggers end next.
    uniqueIndex("report_assignments_active_idx")
      .on(t.conversationId)
      .where(sql`${t.endedAt} is null`),
  ],
);
export type ReportAssignment = typeof reportAssignments.$inferSelect;

/** One row per close (`closed` event), with who owned the conversation then. */
export const reportCloses = pgTable(
  "report_closes",
  {
    eventId: uuid().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    memberId: uuid().references(() => members.id, { onDelete: "cascade" }),
    teamId: uuid(),
    channel: channelEnum().notNull(),
    closedAt: timestamp({ withTimezone: true }).notNull(),
    /** The customer's first message of the conversation (resolution time starts there). */
    firstInboundAt: timestamp({ withTimezone: true }),
    /** Whether a member had written an outbound message in the conversation by then. */
    humanReplied: boolean().notNull(),
    /** The AI agents that had a session in the conversation by then. */
    agentIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    /** Whole seconds from the customer's first message to the close. */
    resolutionSeconds: integer(),
  },
  (t) => [
    index("report_closes_range_idx").on(
      t.workspaceId,
      t.closedAt,
      t.memberId,
      t.conversationId,
      t.resolutionSeconds,
    ),
    index("report_closes_team_idx").on(t.workspaceId, t.teamId, t.closedAt),
  ],
);
export type ReportClose = typeof reportCloses.$inferSelect;

/** Per local day (workspace time zone) and member: outbound messages written, conversations assigned. */
export const reportMemberDays = pgTable(
  "report_member_days",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    teamKey: text().notNull(),
    channelKey: text().notNull(),
    day: date({ mode: "string" }).notNull(),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    messagesSent: integer().notNull().default(0),
    /** Distinct conversations assigned to the member that day (not assigned to them earlier that day). */
    assigned: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.teamKey, t.channelKey, t.day, t.memberId] })],
);

/** Customers' messages per local day and hour (workspace time zone). */
export const reportInboundHours = pgTable(
  "report_inbound_hours",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    teamKey: text().notNull(),
    channelKey: text().notNull(),
    day: date({ mode: "string" }).notNull(),
    hour: smallint().notNull(),
    inbound: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.teamKey, t.channelKey, t.day, t.hour] })],
);

/**
 * How many assignments made on a local day were answered in how many whole seconds: the
 * first-response trend's medians come from these few rows instead of every assignment.
 */
export const reportResponseDays = pgTable(
  "report_response_days",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    teamKey: text().notNull(),
    channelKey: text().notNull(),
    day: date({ mode: "string" }).notNull(),
    seconds: integer().notNull(),
    answered: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.teamKey, t.channelKey, t.day, t.seconds] })],
);

/** Open conversations each member holds now, by the conversation's team and channel. */
export const reportOpenLoad = pgTable(
  "report_open_load",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    teamKey: text().notNull(),
    channel: channelEnum().notNull(),
    open: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.memberId, t.teamKey, t.channel] })],
);

/** One row per customer message an AI agent answered (an agent turn with its reply). */
export const reportAgentReplies = pgTable(
  "report_agent_replies",
  {
    turnKey: text().primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    agentId: uuid().notNull(),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    teamId: uuid(),
    channel: channelEnum().notNull(),
    inboundAt: timestamp({ withTimezone: true }).notNull(),
    repliedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("report_agent_replies_range_idx").on(t.workspaceId, t.repliedAt)],
);
