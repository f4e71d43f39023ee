import "server-only";
import { z } from "zod";
import type { Database } from "@/db/client";
import { findVisibleConversation, type Viewer } from "@/lib/conversations/viewer";
import { notFound } from "@/lib/errors";
import { emit } from "./emit";
import { nameForCustomer, visitorIdOf } from "./emit-to-visitor";

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
      name: firstName(nameForCustomer(memberName, viewer.workspace.name), memberName),
      typing: isTyping,
    },
  });
}

/** A member's first name for the customer; the workspace's name stands whole. */
const firstName = (shown: string, memberName: string) =>
  shown === memberName ? (memberName.split(" ")[0] ?? memberName) : shown;
