import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversationReads, conversations, type Message, messages } from "@/db/schema";
import { selfAssignOnReply } from "@/lib/assignment/conversation-lifecycle";
import { routeAfterCommit } from "@/lib/assignment/drain-queue";
import { memberName } from "@/lib/assignment/member-name";
import { AppError, notFound } from "@/lib/errors";
import { notifyMentions } from "@/lib/notifications/notify-conversation-activity";
import { emitConversationChange } from "@/lib/realtime/emit";
import { emitToVisitor } from "@/lib/realtime/emit-to-visitor";
import { previewOf } from "./preview";
import { scopeCondition, type Viewer } from "./viewer";

/**
 * A member replies to the customer, or writes an internal note only members see. The reply
 * ends the customer's wait; a note changes neither the list order nor the preview. The first
 * reply of an unassigned conversation may make its author the assignee (lib/assignment).
 */
export async function sendMessage(
  db: Database,
  {
    viewer,
    conversationId,
    body,
    note,
    now = new Date(),
  }: { viewer: Viewer; conversationId: string; body: string; note: boolean; now?: Date },
): Promise<Message> {
  if (!viewer.canReply || !viewer.member) {
    throw new AppError("forbidden", "Your role can read conversations but not reply to them.");
  }
  const author = viewer.member;
  const { message, waiting } = await db.transaction(async (tx) => {
    const [conversation] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), scopeCondition(viewer)))
      .for("update");
    if (!conversation) throw notFound("That conversation");
    const firstReply =
      !note &&
      conversation.assigneeId === null &&
      !(await tx
        .select({ id: messages.id })
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, conversationId),
            eq(messages.kind, "outbound"),
            // An AI agent's replies do not count: the first person to answer may still own it.
            isNotNull(messages.authorMemberId),
          ),
        )
        .limit(1)
        .then((rows) => rows.length > 0));
    const [message] = await tx
      .insert(messages)
      .values({
        workspaceId: conversation.workspaceId,
        conversationId,
        kind: note ? "note" : "outbound",
        authorMemberId: author.id,
        body,
        createdAt: now,
      })
      .returning();
    if (!message) throw new Error("message insert returned nothing");
    const owned = !firstReply
      ? conversation
      : await selfAssignOnReply(tx, {
          workspace: viewer.workspace,
          conversation,
          memberId: author.id,
          firstReply,
          now,
        });
    await emitConversationChange(tx, {
      workspaceId: conversation.workspaceId,
      conversationId,
      states: [owned],
      change: "reply",
    });
    if (note) await notifyMentions(tx, { conversation: owned, authorMemberId: author.id, body });
    if (!note && conversation.channel === "web_chat") {
      // The name under the reply, looked up only for the replies a customer reads.
      const authorName = await memberName(tx, author.id);
      await emitToVisitor(tx, { workspace: viewer.workspace, conversation, message, authorName });
    }
    if (!note) {
      await tx
        .update(conversations)
        .set({ lastMessageAt: now, lastMessagePreview: previewOf(body), waitingSince: null })
        .where(eq(conversations.id, conversationId));
    }
    await tx
      .insert(conversationReads)
      .values({ memberId: author.id, conversationId, lastReadAt: now })
      .onConflictDoUpdate({
        target: [conversationReads.memberId, conversationReads.conversationId],
        set: { lastReadAt: now },
      });
    return { message, waiting: owned.queuedAt !== null };
  });
  // A drain that ran while this transaction held the row skipped it: route it now it has
  // committed, or a conversation could wait with someone eligible (lib/assignment/drain-queue.ts).
  if (waiting) {
    await routeAfterCommit(db, {
      workspace: viewer.workspace,
      arrivals: [{ conversationId, trigger: "queue" }],
      now,
    });
  }
  return message;
}
