import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { teams } from "./teams";
import { members, workspaces } from "./workspaces";

/** API keys for the inbound API. Only the SHA-256 of the key is kept; `prefix` identifies it in lists. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text().notNull(),
    prefix: text().notNull(),
    keyHash: text().notNull().unique(),
    createdById: uuid().references(() => members.id, { onDelete: "set null" }),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("api_keys_workspace_idx").on(t.workspaceId)],
);
export type ApiKey = typeof apiKeys.$inferSelect;

/** Hits against a public endpoint's limit, by key ("widget:ip:1.2.3.4"); old rows expire. */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    id: uuid().primaryKey().defaultRandom(),
    key: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rate_limit_hits_key_idx").on(t.key, t.createdAt)],
);

/** The web chat widget of a workspace. */
export const widgetSettings = pgTable("widget_settings", {
  workspaceId: uuid()
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  /** New web chat conversations start with this team (null: no team). */
  teamId: uuid().references(() => teams.id, { onDelete: "set null" }),
  greeting: text().notNull().default("Hi! How can we help?"),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type WidgetSettings = typeof widgetSettings.$inferSelect;
