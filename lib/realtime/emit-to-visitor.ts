import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Conversation, contactIdentities, type Message, type Workspace } from "@/db/schema";
import { emit } from "./emit";

/** The web chat visitor behind a conversation (their widget's channel), if it is one. */
export async function visitorIdOf(
  tx: Database,
  conversation: Pick<Conversation, "contactId">,
): Promise<string | null> {
  const [identity] = await tx
    .select({ handle: contactIdentities.handle })
    .from(contactIdentities)
    .where(
      and(
        eq(contactIdentities.contactId, conversation.contactId),
        eq(contactIdentities.channel, "web_chat"),
      ),
    );
  return identity?.handle ?? null;
}

/**
 * How a member is named to a customer: their name, or — for a member known only by their email
 * address — the workspace's, never the address.
 */
export const nameForCustomer = (memberName: string | null, workspaceName: string) =>
  memberName === null || memberName.includes("@") ? workspaceName : memberName;

/** A reply reaches the web chat customer live, on the channel only their token opens. */
export async function emitToVisitor(
  tx: Database,
  {
    workspace,
    conversation,
    message,
    authorName,
  }: {
    workspace: Workspace;
    conversation: Conversation;
    message: Message;
    authorName: string | null;
  },
): Promise<void> {
  const visitorId = await visitorIdOf(tx, conversation);
  if (!visitorId) return;
  await emit(tx, {
    workspaceId: workspace.id,
    audience: { kind: "visitor", publicId: workspace.publicId, visitorId },
    event: {
      type: "widget.message",
      conversationId: conversation.id,
      message: {
        id: message.id,
        from: "team",
        body: message.body,
        createdAt: message.createdAt.toISOString(),
        authorName: nameForCustomer(authorName, workspace.name),
      },
    },
  });
}
