import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversations } from "@/db/schema";
import { closeConversation, reopenByMember } from "@/lib/assignment/conversation-lifecycle";
import { AppError, notFound } from "@/lib/errors";
import { scopeCondition, type Viewer } from "./viewer";

/** Close or reopen a conversation (lib/assignment applies reset-on-close and routing); closing twice is a no-op. */
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
    const change = {
      workspace: viewer.workspace,
      conversation,
      actorMemberId: viewer.member?.id ?? null,
      now,
    };
    if (status === "closed") await closeConversation(tx, change);
    else await reopenByMember(tx, change);
  });
}
