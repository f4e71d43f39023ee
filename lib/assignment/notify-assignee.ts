import "server-only";
import type { Database } from "@/db/client";
import type { Conversation } from "@/db/schema";
import { notify, notifyMany } from "@/lib/notifications/notify";

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

/** `notifyAssignee` for a batch of assignments made by one actor (a queue drain). */
export async function notifyAssignees(
  tx: Database,
  {
    workspaceId,
    assignments,
    actorMemberId,
    via,
  }: {
    workspaceId: string;
    assignments: readonly { conversationId: string; memberId: string }[];
    actorMemberId: string | null;
    via: string;
  },
): Promise<void> {
  await notifyMany(
    tx,
    assignments
      .filter(({ memberId }) => memberId !== actorMemberId)
      .map(({ conversationId, memberId }) => ({
        workspaceId,
        memberId,
        type: "conversation_assigned" as const,
        data: { conversationId, via, byMemberId: actorMemberId },
      })),
  );
}
