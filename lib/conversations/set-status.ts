import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversationEvents, conversations } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { scopeCondition, type Viewer } from "./viewer";

/** Close or reopen a conversation, with an event; closing twice is a no-op. */
export async function setConversationStatus(
  db: Database,
  {
    viewer,
    conversationId,
    status,
    now = new Date(),
  }: { viewer: Viewer; conversationId: string; status: "open" | "closed"; now?: Date },
): Promise<void> {
  if (!viewer.canReply) {
    throw new AppError(
      "forbidden",
      "Your role can read conversations but not close or reopen them.",
    );
  }
  await db.transaction(async (tx) => {
    const [conversation] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), scopeCondition(viewer)))
      .for("update");
    if (!conversation) throw notFound("That conversation");
    if (conversation.status === status) return;
    await tx
      .update(conversations)
      .set(
        status === "closed"
          ? { status, closedAt: now, waitingSince: null }
          : { status, closedAt: null },
      )
      .where(eq(conversations.id, conversationId));
    await tx.insert(conversationEvents).values({
      workspaceId: conversation.workspaceId,
      conversationId,
      type: status === "closed" ? "closed" : "reopened",
      actorMemberId: viewer.member?.id ?? null,
      data: {},
      createdAt: now,
    });
  });
}
