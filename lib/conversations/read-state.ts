import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversationReads } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { findVisibleConversation, type Viewer } from "./viewer";

export async function markConversationRead(
  db: Database,
  viewer: Viewer,
  conversationId: string,
  now = new Date(),
) {
  const conversation = await findVisibleConversation(db, viewer, conversationId);
  if (!conversation || !viewer.member) throw notFound("That conversation");
  const lastReadAt = conversation.lastMessageAt > now ? conversation.lastMessageAt : now;
  await db
    .insert(conversationReads)
    .values({ memberId: viewer.member.id, conversationId, lastReadAt })
    .onConflictDoUpdate({
      target: [conversationReads.memberId, conversationReads.conversationId],
      set: { lastReadAt },
    });
}

export async function markConversationUnread(db: Database, viewer: Viewer, conversationId: string) {
  const conversation = await findVisibleConversation(db, viewer, conversationId);
  if (!conversation || !viewer.member) throw notFound("That conversation");
  await db
    .delete(conversationReads)
    .where(
      and(
        eq(conversationReads.memberId, viewer.member.id),
        eq(conversationReads.conversationId, conversationId),
      ),
    );
}
