import "server-only";
import { eq } from "drizzle-orm";
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
 */
export async function writeAgentMessage(
  tx: Database,
  {
    workspace,
    conversation,
    agent,
    body,
    now,
  }: {
    workspace: Workspace;
    conversation: Conversation;
    agent: Pick<AiAgent, "id" | "name">;
    body: string;
    now: Date;
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
    .set({ lastMessageAt: now, lastMessagePreview: previewOf(body), waitingSince: null })
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
