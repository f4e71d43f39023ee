import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Conversation, members, notifications, users } from "@/db/schema";
import { seesConversation } from "@/lib/realtime/audience";
import { emit } from "@/lib/realtime/emit";
import { workspaceSubscribers } from "@/lib/realtime/hub";
import { notificationSignal, notify } from "./notify";

/**
 * The customer wrote in a conversation someone owns: the owner's bell says so. While an
 * earlier such notification is still unread it is refreshed rather than repeated.
 */
export async function notifyMessageReceived(
  tx: Database,
  { conversation, preview, now }: { conversation: Conversation; preview: string; now: Date },
): Promise<void> {
  const owner = conversation.assigneeId;
  if (!owner) return;
  const refreshed = await tx
    .update(notifications)
    .set({ createdAt: now, data: { conversationId: conversation.id, preview } })
    .where(
      and(
        eq(notifications.memberId, owner),
        eq(notifications.type, "message_received"),
        isNull(notifications.readAt),
        sql`${notifications.data}->>'conversationId' = ${conversation.id}`,
      ),
    )
    .returning({ id: notifications.id });
  const [again] = refreshed;
  if (again) {
    // The bell shows it with its new time and preview: without a signal its list kept the
    // old one, and "Mark all read" (up to the newest shown) missed it.
    await emit(
      tx,
      notificationSignal({
        id: again.id,
        workspaceId: conversation.workspaceId,
        memberId: owner,
        type: "message_received",
        conversationId: conversation.id,
      }),
    );
    return;
  }
  await notify(tx, {
    workspaceId: conversation.workspaceId,
    memberId: owner,
    type: "message_received",
    data: { conversationId: conversation.id, preview },
  });
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * `@Sam` or `@Sam Lee` in an internal note notifies that member, if they may see the
 * conversation; the author is never notified of their own mention.
 */
export async function notifyMentions(
  tx: Database,
  {
    conversation,
    authorMemberId,
    body,
  }: { conversation: Conversation; authorMemberId: string; body: string },
): Promise<string[]> {
  if (!body.includes("@")) return [];
  const people = await tx
    .select({ id: members.id, name: users.name })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.workspaceId, conversation.workspaceId), isNull(members.removedAt)));
  const named = people.filter((person) => {
    if (!person.name || person.id === authorMemberId) return false;
    const first = person.name.trim().split(/\s+/)[0] ?? "";
    return [person.name.trim(), first].some(
      (handle) =>
        handle && new RegExp(`(^|\\s)@${escapeRegExp(handle)}(?![\\p{L}\\p{N}])`, "iu").test(body),
    );
  });
  if (named.length === 0) return [];
  const subscribers = await workspaceSubscribers(tx, conversation.workspaceId);
  const mentioned = named.filter((person) =>
    subscribers.some((s) => s.memberId === person.id && seesConversation(s, conversation)),
  );
  for (const person of mentioned) {
    await notify(tx, {
      workspaceId: conversation.workspaceId,
      memberId: person.id,
      type: "mentioned",
      data: { conversationId: conversation.id, byMemberId: authorMemberId },
    });
  }
  return mentioned.map((person) => person.id);
}
