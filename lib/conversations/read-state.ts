import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversationReads } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { emit } from "@/lib/realtime/emit";
import { findVisibleConversation, type Viewer } from "./viewer";

export async function markConversationRead(db: Database, viewer: Viewer, conversationId: string) {
  const conversation = await findVisibleConversation(db, viewer, conversationId);
  if (!conversation || !viewer.member) throw notFound("That conversation");
  // Read up to the newest message committed now, which is all the member could have been
  // shown — not up to the clock: a customer message stamped a moment ago but still committing
  // (waiting on a lock) would count as read without ever having been on screen.
  await db
    .insert(conversationReads)
    .values({ memberId: viewer.member.id, conversationId, lastReadAt: conversation.lastMessageAt })
    .onConflictDoUpdate({
      target: [conversationReads.memberId, conversationReads.conversationId],
      set: { lastReadAt: sql`greatest(${conversationReads.lastReadAt}, excluded.last_read_at)` },
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
