import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Conversation, workspaces } from "@/db/schema";
import { emit } from "./emit";
import { visitorIdOf } from "./emit-to-visitor";

/** "{Agent} is typing…" for members who may see the conversation and for the web chat customer. */
export async function emitAgentTyping(
  db: Database,
  {
    conversation,
    agentName,
    typing,
  }: { conversation: Conversation; agentName: string; typing: boolean },
): Promise<void> {
  await emit(db, {
    workspaceId: conversation.workspaceId,
    audience: { kind: "conversation", conversationId: conversation.id, states: [conversation] },
    event: { type: "agent.typing", conversationId: conversation.id, agentName, typing },
  });
  if (conversation.channel !== "web_chat") return;
  const visitorId = await visitorIdOf(db, conversation);
  if (!visitorId) return;
  const [workspace] = await db
    .select({ publicId: workspaces.publicId })
    .from(workspaces)
    .where(eq(workspaces.id, conversation.workspaceId));
  if (!workspace) return;
  await emit(db, {
    workspaceId: conversation.workspaceId,
    audience: { kind: "visitor", publicId: workspace.publicId, visitorId },
    event: { type: "widget.typing", conversationId: conversation.id, name: agentName, typing },
  });
}
