import "server-only";
import { and, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { conversationEvents, conversations } from "@/db/schema";
import { emitConversationChanges } from "@/lib/realtime/emit";

/**
 * Takes a team that is going away off every conversation that had it, with one
 * `team_unassigned` event each and a live update to whoever sees them. Conversations and their
 * history stay. Runs inside the caller's transaction (the team's delete), so the team and its
 * conversations change together; the caller then routes them in the workspace's pool
 * (`routingModeChanged` with no team). Returns how many conversations lost the team.
 */
export async function clearTeamFromConversations(
  tx: Transaction,
  {
    workspaceId,
    teamId,
    teamName,
    actorMemberId,
  }: { workspaceId: string; teamId: string; teamName: string; actorMemberId: string | null },
): Promise<number> {
  const cleared = await tx
    .update(conversations)
    .set({ teamId: null })
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.teamId, teamId)))
    .returning();
  if (cleared.length === 0) return 0;
  await emitConversationChanges(tx, {
    workspaceId,
    changes: cleared.map((after) => ({
      conversationId: after.id,
      states: [{ ...after, teamId }, after],
      change: "assignment" as const,
    })),
  });
  await tx.insert(conversationEvents).values(
    cleared.map(({ id }) => ({
      workspaceId,
      conversationId: id,
      type: "team_unassigned",
      actorMemberId,
      data: { from: teamId, fromName: teamName, reason: "team_deleted" },
    })),
  );
  return cleared.length;
}
