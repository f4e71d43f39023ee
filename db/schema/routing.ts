import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { memberStatusEnum, members, workspaces } from "./workspaces";

/**
 * Where round-robin rotation stands in each pool: the workspace (`pool = 'workspace'`) or a
 * team (`pool` = the team's id). The next member is the first eligible one after this one.
 */
export const routingPositions = pgTable(
  "routing_positions",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    pool: text().notNull(),
    lastMemberId: uuid().references(() => members.id, { onDelete: "set null" }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.pool] })],
);
export type RoutingPosition = typeof routingPositions.$inferSelect;

/** A member's availability after each change (status, accepts chats, capacity), for history and reports. */
export const memberStatusChanges = pgTable(
  "member_status_changes",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    status: memberStatusEnum().notNull(),
    acceptsChats: boolean().notNull(),
    capacity: integer(),
    actorMemberId: uuid().references(() => members.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("member_status_changes_member_idx").on(t.memberId, t.createdAt)],
);
export type MemberStatusChange = typeof memberStatusChanges.$inferSelect;
