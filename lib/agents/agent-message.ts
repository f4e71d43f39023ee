import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import {
  type AiAgent,
  type Conversation,
  conversations,
  type Message,
  messages,
  type Workspace,
} from "@/db/schema";
import { previewOf } from "@/lib/conversations/preview";
import { emitConversationChange } from "@/lib/realtime/emit";
import { emitToVisitor } from "@/lib/realtime/emit-to-visitor";

/**
 * An AI agent writes to the customer: an outbound message authored by the agent, which ends
 * the customer's wait and reaches the inbox and the widget live — in the caller's transaction.
 * With `answered` (the customer message it answers), what the customer wrote after that
 * message is still unanswered: the wait then runs from the first of those instead of ending.
 */
export async function writeAgentMessage(
  tx: Database,
  {
    workspace,
    conversation,
    agent,
    body,
    now,
    answered = null,
  }: {
    workspace: Workspace;
    conversation: Conversation;
    agent: Pick<AiAgent, "id" | "name">;
    body: string;
    now: Date;
    answered?: string | null;
  },
): Promise<Message> {
  const [message] = await tx
    .insert(messages)
    .values({
      workspaceId: workspace.id,
      conversationId: conversation.id,
      kind: "outbound",
      authorAgentId: agent.id,
      body,
      createdAt: now,
    })
    .returning();
  if (!message) throw new Error("message insert returned nothing");
  const [updated] = await tx
    .update(conversations)
    .set({
      lastMessageAt: now,
      lastMessagePreview: previewOf(body),
      waitingSince: await stillWaitingSince(tx, conversation, answered),
    })
    .where(eq(conversations.id, conversation.id))
    .returning();
  await emitConversationChange(tx, {
    workspaceId: workspace.id,
    conversationId: conversation.id,
    states: [updated ?? conversation],
    change: "reply",
  });
  if (conversation.channel === "web_chat") {
    await emitToVisitor(tx, { workspace, conversation, message, authorName: agent.name });
  }
  return message;
}

/**
 * When the customer is still waiting after a reply to `answered`: from their first message
 * after it, or from the current wait if that began later (someone answered in between).
 */
async function stillWaitingSince(
  tx: Database,
  conversation: Conversation,
  answered: string | null,
): Promise<Date | null> {
  if (!answered || conversation.waitingSince === null) return null;
  const answeredMessage = alias(messages, "answered");
  const [next] = await tx
    .select({ createdAt: messages.createdAt })
    .from(messages)
    .innerJoin(answeredMessage, eq(answeredMessage.id, answered))
    .where(
      and(
        eq(messages.conversationId, conversation.id),
        eq(messages.kind, "inbound"),
        sql`(${messages.createdAt}, ${messages.id}) > (${answeredMessage.createdAt}, ${answeredMessage.id})`,
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(1);
  if (!next) return null;
  return new Date(Math.max(next.createdAt.getTime(), conversation.waitingSince.getTime()));
}
