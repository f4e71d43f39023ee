import { sql } from "drizzle-orm";
import {
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { members, roleEnum, workspaces } from "./workspaces";

export const invitationStatuses = ["pending", "accepted", "revoked"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];
export const invitationStatusEnum = pgEnum("invitation_status", invitationStatuses);

/**
 * An invitation to join a workspace. Only the SHA-256 of its token is stored; "expired" is
 * a pending invitation whose `expiresAt` has passed.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: roleEnum().notNull(),
    teamIds: jsonb().$type<string[]>().notNull().default([]),
    tokenHash: text().notNull().unique(),
    status: invitationStatusEnum().notNull().default("pending"),
    invitedById: uuid().references(() => members.id, { onDelete: "set null" }),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedByUserId: text().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One live invitation per address and workspace.
    uniqueIndex("invitations_pending_email_idx")
      .on(t.workspaceId, t.email)
      .where(sql`${t.status} = 'pending'`),
    index("invitations_workspace_idx").on(t.workspaceId, t.createdAt),
  ],
);
export type Invitation = typeof invitations.$inferSelect;
export type NewInvitation = typeof invitations.$inferInsert;

/** In-app notifications for one member. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    type: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp({ withTimezone: true }),
    /** When the assignment email for it was queued (or decided against); see email-assignments.ts. */
    emailedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("notifications_member_idx").on(t.memberId, t.createdAt),
    index("notifications_email_pending_idx")
      .on(t.createdAt)
      .where(sql`${t.type} = 'conversation_assigned' and ${t.emailedAt} is null`),
  ],
);
export type Notification = typeof notifications.$inferSelect;

export const activityTypes = [
  "member.invited",
  "invitation.resent",
  "invitation.revoked",
  "invitation.accepted",
  "member.role_changed",
  "member.removed",
  "member.left",
  "team.created",
  "team.renamed",
  "team.deleted",
  "team.routing_changed",
  "team.member_added",
  "team.member_removed",
  "workspace.updated",
  "workspace.routing_changed",
  "plan.changed",
] as const;
export type ActivityType = (typeof activityTypes)[number];

/** Append-only log of who changed the workspace's people and structure (Settings → Activity). */
export const activityLog = pgTable(
  "activity_log",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    actorMemberId: uuid().references(() => members.id, { onDelete: "set null" }),
    type: text().$type<ActivityType>().notNull(),
    /** Names as they were at the time, so the log reads right after renames and removals. */
    data: jsonb().$type<Record<string, string | number | null>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("activity_log_workspace_idx").on(t.workspaceId, t.createdAt, t.id)],
);
export type Activity = typeof activityLog.$inferSelect;
