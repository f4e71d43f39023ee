import "server-only";
import type { Database } from "@/db/client";
import { type ActivityType, activityLog } from "@/db/schema";

/** Appends to the workspace's activity log; call it inside the transaction of the change. */
export async function recordActivity(
  tx: Database,
  entry: {
    workspaceId: string;
    actorMemberId: string | null;
    type: ActivityType;
    data?: Record<string, string | number | null>;
  },
): Promise<void> {
  await tx.insert(activityLog).values({ ...entry, data: entry.data ?? {} });
}
