import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

/**
 * Recent realtime events of the built-in driver, kept a few minutes so a client that
 * reconnects with `Last-Event-ID` receives what it missed, whichever app instance it reaches.
 * Each row is announced with NOTIFY after its transaction commits.
 */
export const realtimeEvents = pgTable(
  "realtime_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channels: text().array().notNull(),
    type: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("realtime_events_created_idx").on(t.createdAt)],
);
export type RealtimeEventRow = typeof realtimeEvents.$inferSelect;
