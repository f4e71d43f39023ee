import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversationReads } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { emit } from "@/lib/realtime/emit";
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
  await emitReadChange(db, viewer, conversationId);
}

/** Read state is the member's own: only their other tabs hear of it. */
function emitReadChange(db: Database, viewer: Viewer, conversationId: string) {
  if (!viewer.member) return Promise.resolve();
  return emit(db, {
    workspaceId: viewer.workspace.id,
    audience: { kind: "members", memberIds: [viewer.member.id] },
    event: { type: "conversation.changed", conversationId, change: "read" },
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
  await emitReadChange(db, viewer, conversationId);
}
