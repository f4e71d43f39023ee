import "server-only";
import type { Database } from "@/db/client";
import type { Conversation } from "@/db/schema";
import { type NotificationEntry, notify } from "@/lib/notifications/notify";

/** Assignment always tells the new assignee in the app, unless they assigned themselves. */
export async function notifyAssignee(
  tx: Database,
  {
    conversation,
    memberId,
    actorMemberId,
    via,
  }: { conversation: Conversation; memberId: string; actorMemberId: string | null; via: string },
): Promise<void> {
  if (actorMemberId === memberId) return;
  await notify(tx, {
    workspaceId: conversation.workspaceId,
    memberId,
    type: "conversation_assigned",
    data: { conversationId: conversation.id, via, byMemberId: actorMemberId },
  });
}

interface AssignmentBatch {
  workspaceId: string;
  assignments: readonly { conversationId: string; memberId: string }[];
  actorMemberId: string | null;
  via: string;
}

/**
 * What `notifyAssignee` writes, for a batch of assignments made by one actor (a queue drain),
 * for the caller to write with its own statements (`notificationWrites`).
 */
export function assigneeNotifications({
  workspaceId,
  assignments,
  actorMemberId,
  via,
}: AssignmentBatch): NotificationEntry[] {
  return assignments
    .filter(({ memberId }) => memberId !== actorMemberId)
    .map(({ conversationId, memberId }) => ({
      workspaceId,
      memberId,
      type: "conversation_assigned" as const,
      data: { conversationId, via, byMemberId: actorMemberId },
    }));
}
