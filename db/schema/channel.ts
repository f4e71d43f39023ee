import { pgEnum } from "drizzle-orm/pg-core";

export const channels = ["web_chat", "whatsapp", "api"] as const;
export type Channel = (typeof channels)[number];
export const channelEnum = pgEnum("channel", channels);
