import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversationEvents, conversations } from "@/db/schema";

/**
 * A member who leaves or is removed stops owning anything: their open conversations become
 * unassigned, each with an event. Runs inside the removal transaction. The routing issue
 * re-routes these conversations from here when routing is on.
 */
export async function releaseMemberConversations(
  tx: Database,
  {
    workspaceId,
    memberId,
    actorMemberId,
    reason,
  }: {
    workspaceId: string;
    memberId: string;
    actorMemberId: string;
    reason: "member_removed" | "member_left";
  },
): Promise<string[]> {
  const released = await tx
    .update(conversations)
    .set({ assigneeId: null })
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.assigneeId, memberId),
        eq(conversations.status, "open"),
      ),
    )
    .returning({ id: conversations.id });
  if (released.length > 0) {
    await tx.insert(conversationEvents).values(
      released.map(({ id }) => ({
        workspaceId,
        conversationId: id,
        type: "unassigned",
        actorMemberId,
        data: { from: memberId, reason },
      })),
    );
  }
  return released.map(({ id }) => id);
}
