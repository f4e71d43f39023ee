import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversations, type Workspace } from "@/db/schema";
import { routeConversation } from "./route-conversation";
import { writeOwnership } from "./write-ownership";

const ownedBy = (workspaceId: string, memberId: string) =>
  and(
    eq(conversations.workspaceId, workspaceId),
    eq(conversations.assigneeId, memberId),
    eq(conversations.status, "open"),
  );

/**
 * Locks a member's open conversations (in id order) before the routing lock is taken, so a
 * removal never holds the routing lock while waiting for a conversation a close or claim
 * holds (which waits for the routing lock in turn).
 */
export async function lockMemberConversations(
  tx: Database,
  { workspaceId, memberId }: { workspaceId: string; memberId: string },
): Promise<void> {
  await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(ownedBy(workspaceId, memberId))
    .orderBy(conversations.id)
    .for("update");
}

/**
 * A member who leaves, is removed or becomes a Viewer stops owning anything: each open
 * conversation of theirs becomes unassigned (one event each) and, where its pool routes, goes
 * to someone else or into the queue. Runs inside that transaction, after the member changed.
 */
export async function releaseMemberConversations(
  tx: Database,
  {
    workspace,
    memberId,
    actorMemberId,
    reason,
    now = new Date(),
  }: {
    workspace: Workspace;
    memberId: string;
    actorMemberId: string;
    reason: "member_removed" | "member_left" | "role_changed";
    now?: Date;
  },
): Promise<string[]> {
  const owned = await tx
    .select()
    .from(conversations)
    .where(ownedBy(workspace.id, memberId))
    .orderBy(conversations.id)
    .for("update");
  for (const conversation of owned) {
    const released = await writeOwnership(tx, {
      conversation,
      patch: { assigneeId: null },
      events: [{ type: "unassigned", actorMemberId, data: { from: memberId, reason } }],
      now,
    });
    await routeConversation(tx, {
      workspace,
      conversation: released,
      trigger: "member_removed",
      actorMemberId,
      now,
    });
  }
  return owned.map(({ id }) => id);
}
