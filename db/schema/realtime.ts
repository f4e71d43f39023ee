import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

/**
 * The realtime outbox. A change writes its event here inside its own transaction, so an
 * event exists exactly when the change committed; NOTIFY (delivered by PostgreSQL only on
 * commit) wakes every app instance, which delivers it to the members in its audience. Rows
 * are kept a few minutes so a client reconnecting with `Last-Event-ID` gets what it missed.
 */
export const realtimeEvents = pgTable(
  "realtime_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Who may receive it, decided at delivery from the database's current state. */
    audience: jsonb().$type<Record<string, unknown>>().notNull(),
    type: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    /** Set by the one instance that forwarded it to Pusher. */
    relayedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("realtime_events_workspace_idx").on(t.workspaceId, t.id),
    index("realtime_events_created_idx").on(t.createdAt),
  ],
);
export type RealtimeEventRow = typeof realtimeEvents.$inferSelect;
