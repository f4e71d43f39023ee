import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members } from "@/db/schema";

/** A tab with live updates is open: what auto-away reads. Never throws. */
export async function markLive(db: Database, memberId: string): Promise<void> {
  await db
    .update(members)
    .set({ lastSeenLiveAt: new Date() })
    .where(eq(members.id, memberId))
    .catch((error: unknown) => console.error("[realtime] heartbeat failed", error));
}
