import "server-only";
import type { Database } from "@/db/client";
import { getConversation } from "@/lib/conversations/get-conversation";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import type { Viewer } from "@/lib/conversations/viewer";
import type { ApiCreatedConversation, CreateConversationInput } from "./schemas";
import { toApiConversation, toApiMessage } from "./to-api-conversation";

/**
 * `POST /api/v1/conversations`: a customer message from a custom channel or bridge. The
 * contact is found (or created) by channel + handle, and their conversation on that channel
 * continues, exactly as when they write in the widget.
 */
export async function createConversationFromApi(
  db: Database,
  {
    viewer,
    input,
    idempotencyKey = null,
  }: { viewer: Viewer; input: CreateConversationInput; idempotencyKey?: string | null },
): Promise<{ created: ApiCreatedConversation; replayed: boolean }> {
  const received = await receiveInboundMessage(db, {
    workspaceId: viewer.workspace.id,
    channel: input.channel,
    handle: input.handle,
    contact: input.contact,
    body: input.body,
    subject: input.subject ?? null,
    idempotencyKey,
  });
  const detail = await getConversation(db, viewer, received.conversation.id);
  return {
    created: {
      conversation: toApiConversation(detail),
      message: toApiMessage(received.message),
      started: received.started,
      reopened: received.reopened,
    },
    replayed: received.replayed,
  };
}
