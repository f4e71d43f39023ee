import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { type Role, roles } from "../../lib/auth/roles";
import { users } from "./auth";

export { type Role, roles };
export const roleEnum = pgEnum("member_role", roles);

export const plans = ["starter", "team", "business"] as const;
export type Plan = (typeof plans)[number];
export const planEnum = pgEnum("workspace_plan", plans);

export const routingModes = ["manual", "balanced", "round_robin"] as const;
export type RoutingMode = (typeof routingModes)[number];
export const routingModeEnum = pgEnum("routing_mode", routingModes);

export const memberStatuses = ["online", "away", "offline"] as const;
export type MemberStatus = (typeof memberStatuses)[number];
export const memberStatusEnum = pgEnum("member_status", memberStatuses);

export const notificationScopes = ["all", "unassigned_and_mine", "mine"] as const;
export type NotificationScope = (typeof notificationScopes)[number];
export const notificationScopeEnum = pgEnum("notification_scope", notificationScopes);

export const workspaces = pgTable("workspaces", {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  /** The id public pages use (the web chat widget), so the slug can change freely. */
  publicId: text()
    .notNull()
    .unique()
    .default(sql`substr(md5(random()::text || clock_timestamp()::text), 1, 16)`),
  name: text().notNull(),
  plan: planEnum().notNull().default("starter"),
  routingMode: routingModeEnum().notNull().default("manual"),
  selfAssignOnFirstReply: boolean().notNull().default(true),
  resetAssigneeOnClose: boolean().notNull().default(false),
  agentsSeeUnassigned: boolean().notNull().default(true),
  timeZone: text().notNull().default("UTC"),
  /** Members whose every tab has been closed for two minutes become away. */
  autoAway: boolean().notNull().default(true),
  /**
   * Raised by triggers (migration 0017) whenever a name the inbox shows beside a conversation
   * may have changed: a member joined or left, a user's name, email or picture, a team's name.
   * Lists read it with their page and resolve assignee and team names from a per-process copy
   * of that version (lib/conversations/directory.ts) instead of joining them per row.
   */
  directoryVersion: bigint({ mode: "number" }).notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type Workspace = typeof workspaces.$inferSelect;
export type NewWorkspace = typeof workspaces.$inferInsert;

export const members = pgTable(
  "members",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum().notNull(),
    status: memberStatusEnum().notNull().default("offline"),
    acceptsChats: boolean().notNull().default(true),
    /** Maximum open conversations routing may give them; null means unlimited. */
    capacity: integer(),
    /**
     * Open conversations assigned to them now, and when they were last assigned one. Kept by
     * a trigger on conversations (migration 0009), so every write path counts; routing reads
     * them instead of counting a member's conversations at every decision.
     */
    openConversations: integer().notNull().default(0),
    lastAssignedAt: timestamp({ withTimezone: true }),
    statusChangedAt: timestamp({ withTimezone: true }),
    /** Last heartbeat of any open tab (live updates); drives auto-away. */
    lastSeenLiveAt: timestamp({ withTimezone: true }),
    /** Notification preferences (Settings → Notifications). */
    notifyScope: notificationScopeEnum().notNull().default("unassigned_and_mine"),
    desktopNotifications: boolean().notNull().default(false),
    notificationSound: boolean().notNull().default(true),
    emailOnAssignment: boolean().notNull().default(true),
    lastActiveAt: timestamp({ withTimezone: true }),
    /** Removed members keep their row so history keeps their name. */
    removedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("members_workspace_user_idx").on(t.workspaceId, t.userId),
    index("members_user_idx").on(t.userId),
  ],
);
export type Member = typeof members.$inferSelect;
export type NewMember = typeof members.$inferInsert;
