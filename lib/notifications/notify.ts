import "server-only";
import type { Database } from "@/db/client";
import { notifications } from "@/db/schema";

export type NotificationType = "invitation_accepted" | "conversation_assigned";

/** Writes an in-app notification inside the caller's transaction. */
export async function notify(
  tx: Database,
  entry: {
    workspaceId: string;
    memberId: string;
    type: NotificationType;
    data: Record<string, unknown>;
  },
): Promise<void> {
  await tx.insert(notifications).values(entry);
}
