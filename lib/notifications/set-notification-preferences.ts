import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members } from "@/db/schema";
import type { NotificationPreferences } from "./schemas";

/** A member's own alert preferences (Settings → Notifications). */
export async function setNotificationPreferences(
  db: Database,
  { memberId, preferences }: { memberId: string; preferences: NotificationPreferences },
): Promise<NotificationPreferences> {
  await db.update(members).set(preferences).where(eq(members.id, memberId));
  return preferences;
}
