import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Conversation, conversationEvents, conversations } from "@/db/schema";
import { emitConversationChange } from "@/lib/realtime/emit";

/** The columns only this module writes (see tests/integration/ownership-writers.test.ts). */
export type OwnershipPatch = Partial<
  Pick<
    Conversation,
    | "assigneeId"
    | "teamId"
    | "agentSessionId"
    | "assignmentDisabled"
    | "queuedAt"
    | "status"
    | "closedAt"
    | "waitingSince"
  >
>;

export interface OwnershipEvent {
  type: string;
  actorMemberId: string | null;
  data: Record<string, unknown>;
}

/**
 * The single write of ownership: the conversation's new state, the event that explains it,
 * and the live update to everyone who could see it before or after — all in the caller's
 * transaction (which holds the conversation row).
 */
export async function writeOwnership(
  tx: Database,
  {
    conversation,
    patch,
    events,
    now,
  }: { conversation: Conversation; patch: OwnershipPatch; events: OwnershipEvent[]; now: Date },
): Promise<Conversation> {
  let updated = conversation;
  if (Object.keys(patch).length > 0) {
    const [row] = await tx
      .update(conversations)
      .set(patch)
      .where(eq(conversations.id, conversation.id))
      .returning();
    if (!row) throw new Error("conversation update returned nothing");
    updated = row;
  }
  if (events.length > 0 && Object.keys(patch).some((key) => key !== "queuedAt")) {
    await emitConversationChange(tx, {
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      states: [conversation, updated],
      change: "status" in patch ? "status" : "assignment",
    });
  }
  if (events.length > 0) {
    await tx.insert(conversationEvents).values(
      events.map((event) => ({
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        type: event.type,
        actorMemberId: event.actorMemberId,
        data: event.data,
        createdAt: now,
      })),
    );
  }
  return updated;
}
