import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { contactIdentities, conversations } from "@/db/schema";
import { getConversation } from "@/lib/conversations/get-conversation";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { findVisibleConversation, type Viewer } from "@/lib/conversations/viewer";
import { AppError, notFound } from "@/lib/errors";
import type { ApiPostedMessage } from "./schemas";
import { toApiConversation, toApiMessage } from "./to-api-conversation";

/**
 * `POST /api/v1/conversations/:id/messages`: the customer of this conversation writes again.
 * It goes through `receiveInboundMessage` with the contact's own identity on the
 * conversation's channel, so it follows the same rules (reopens a closed conversation,
 * starts the wait) as any inbound message.
 */
export async function postInboundMessage(
  db: Database,
  {
    viewer,
    conversationId,
    body,
    idempotencyKey = null,
  }: { viewer: Viewer; conversationId: string; body: string; idempotencyKey?: string | null },
): Promise<{ posted: ApiPostedMessage; replayed: boolean }> {
  const conversation = await findVisibleConversation(db, viewer, conversationId);
  if (!conversation) throw notFound("That conversation");
  const workspaceId = viewer.workspace.id;
  const [[identity], [latest]] = await Promise.all([
    db
      .select({ handle: contactIdentities.handle })
      .from(contactIdentities)
      .where(
        and(
          eq(contactIdentities.workspaceId, workspaceId),
          eq(contactIdentities.contactId, conversation.contactId),
          eq(contactIdentities.channel, conversation.channel),
        ),
      )
      .orderBy(asc(contactIdentities.createdAt))
      .limit(1),
    db
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.workspaceId, workspaceId),
          eq(conversations.contactId, conversation.contactId),
          eq(conversations.channel, conversation.channel),
        ),
      )
      .orderBy(desc(conversations.createdAt))
      .limit(1),
  ]);
  if (!identity) {
    throw new AppError(
      "conflict",
      `This conversation's contact has no handle on ${conversation.channel}, so it cannot receive customer messages through the API.`,
    );
  }
  // A customer's messages always go to their newest conversation on a channel; posting into
  // an older one would silently land elsewhere, so say where instead.
  if (latest && latest.id !== conversation.id) {
    throw new AppError(
      "conflict",
      `This customer's newer conversation ${latest.id} continues this one. Post there.`,
    );
  }
  const received = await receiveInboundMessage(db, {
    workspaceId,
    channel: conversation.channel,
    handle: identity.handle,
    body,
    idempotencyKey,
  });
  if (received.replayed && received.message.conversationId !== conversation.id) {
    throw new AppError(
      "validation",
      "That Idempotency-Key was already used for a message in another conversation. Use a new key for each message.",
      { idempotencyKey: "Already used in another conversation." },
    );
  }
  const detail = await getConversation(db, viewer, received.conversation.id);
  return {
    posted: {
      conversation: toApiConversation(detail),
      message: toApiMessage(received.message),
      reopened: received.reopened,
    },
    replayed: received.replayed,
  };
}
