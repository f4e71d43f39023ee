import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { Audience, OwnershipState, RealtimeEvent } from "./events";

export const NOTIFY_CHANNEL = "switchboard_realtime";

/**
 * Records a live event inside the caller's transaction. It exists only if the transaction
 * commits, and PostgreSQL delivers the NOTIFY only then: no event about a change that rolled
 * back, none before its data is visible to the refetch it triggers.
 */
export async function emit(
  tx: Database,
  {
    workspaceId,
    audience,
    event,
  }: { workspaceId: string; audience: Audience; event: RealtimeEvent },
): Promise<void> {
  await tx.execute(sql`
    with row as (
      insert into realtime_events (workspace_id, audience, type, payload)
      values (${workspaceId}, ${JSON.stringify(audience)}::jsonb, ${event.type}, ${JSON.stringify(event)}::jsonb)
      returning id
    )
    select pg_notify(${NOTIFY_CHANNEL}, row.id::text) from row`);
}

/** A conversation changed: everyone who could see it before or after hears about it. */
export function emitConversationChange(
  tx: Database,
  {
    workspaceId,
    conversationId,
    states,
    change,
  }: {
    workspaceId: string;
    conversationId: string;
    states: OwnershipState[];
    change: Extract<RealtimeEvent, { type: "conversation.changed" }>["change"];
  },
): Promise<void> {
  return emit(tx, {
    workspaceId,
    audience: { kind: "conversation", conversationId, states },
    event: {
      type: "conversation.changed",
      conversationId,
      change,
      assigneeId: states.at(-1)?.assigneeId ?? null,
    },
  });
}
