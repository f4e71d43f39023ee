import "server-only";
import { z } from "zod";
import type { Database } from "@/db/client";
import { findVisibleConversation, type Viewer } from "@/lib/conversations/viewer";
import { notFound } from "@/lib/errors";
import { emit } from "./emit";
import { visitorIdOf } from "./emit-to-visitor";

export const presenceSchema = z.object({
  viewing: z.boolean(),
  typing: z.boolean().default(false),
});

/**
 * Collision detection: tells everyone who may see the conversation that this member is
 * viewing it and whether they are typing (clients repeat it every few seconds and forget
 * a viewer who stops). A web chat customer sees "… is typing" too; Viewers cannot type.
 */
export async function announcePresence(
  db: Database,
  {
    viewer,
    memberName,
    conversationId,
    viewing,
    typing,
  }: { viewer: Viewer; memberName: string; conversationId: string } & z.infer<
    typeof presenceSchema
  >,
): Promise<void> {
  const member = viewer.member;
  const conversation = await findVisibleConversation(db, viewer, conversationId);
  if (!conversation || !member) throw notFound("That conversation");
  const isTyping = typing && viewing && viewer.canReply;
  await emit(db, {
    workspaceId: conversation.workspaceId,
    audience: { kind: "conversation", conversationId, states: [conversation] },
    event: {
      type: "presence",
      conversationId,
      memberId: member.id,
      name: memberName,
      viewing,
      typing: isTyping,
    },
  });
  // The customer only hears "typing" (their widget forgets it after a few seconds of silence).
  if (conversation.channel !== "web_chat" || !isTyping) return;
  const visitorId = await visitorIdOf(db, conversation);
  if (!visitorId) return;
  await emit(db, {
    workspaceId: conversation.workspaceId,
    audience: { kind: "visitor", publicId: viewer.workspace.publicId, visitorId },
    event: {
      type: "widget.typing",
      conversationId,
      // A member without a name goes by their email inside the team; the customer sees the
      // workspace's name instead, as with replies (emit-to-visitor.ts), never the address.
      name: memberName.includes("@")
        ? viewer.workspace.name
        : (memberName.split(" ")[0] ?? memberName),
      typing: isTyping,
    },
  });
}
