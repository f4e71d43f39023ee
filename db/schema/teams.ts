import { sql } from "drizzle-orm";
import {
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { members, workspaces } from "./workspaces";

/** A team routes by its own mode or `inherit`s the workspace's. */
export const teamRoutingModes = ["inherit", "manual", "balanced", "round_robin"] as const;
export type TeamRoutingMode = (typeof teamRoutingModes)[number];
export const teamRoutingModeEnum = pgEnum("team_routing_mode", teamRoutingModes);

export const teams = pgTable(
  "teams",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text().notNull(),
    routingMode: teamRoutingModeEnum().notNull().default("inherit"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("teams_workspace_name_idx").on(t.workspaceId, sql`lower(${t.name})`)],
);
export type Team = typeof teams.$inferSelect;
export type NewTeam = typeof teams.$inferInsert;

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    memberId: uuid()
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.memberId] }),
    index("team_members_member_idx").on(t.memberId),
  ],
);
export type TeamMember = typeof teamMembers.$inferSelect;
