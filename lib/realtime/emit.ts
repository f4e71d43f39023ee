import "server-only";
import { type SQL, sql } from "drizzle-orm";
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

/** One live event to record with `emitMany`. */
export interface EmitEntry {
  workspaceId: string;
  audience: Audience;
  event: RealtimeEvent;
}

/**
 * Records many live events in one statement, inside the caller's transaction, with the same
 * guarantees as `emit`: they exist, and are notified, only if the transaction commits.
 * `alongside` are data-modifying statements (inserts, updates) run in the same statement, as
 * CTEs ahead of the events: a batch of writes and their live events cost one round trip.
 */
export async function emitMany(
  tx: Database,
  entries: readonly EmitEntry[],
  alongside: readonly SQL[] = [],
): Promise<void> {
  const writes = alongside.map((write, i) => sql`${sql.raw(`w${i}`)} as (${write})`);
  if (entries.length === 0) {
    if (writes.length > 0) await tx.execute(sql`with ${sql.join(writes, sql`, `)} select 1`);
    return;
  }
  const rows = entries.map(({ workspaceId, audience, event }) => ({
    workspace_id: workspaceId,
    audience,
    type: event.type,
    payload: event,
  }));
  const row = sql`row as (
      insert into realtime_events (workspace_id, audience, type, payload)
      select e.workspace_id, e.audience, e.type, e.payload
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as e(workspace_id uuid, audience jsonb, type text, payload jsonb)
      returning id
    )`;
  await tx.execute(sql`
    with ${sql.join([...writes, row], sql`, `)}
    select pg_notify(${NOTIFY_CHANNEL}, row.id::text) from row order by row.id`);
}

type ConversationChange = Extract<RealtimeEvent, { type: "conversation.changed" }>["change"];

/**
 * A conversation changed: everyone who could see it before or after hears about it. One
 * transaction may change it several times (created, then routed; reopened, released, then
 * routed): only the state before the transaction and the one after it were ever visible, so
 * all its events about the conversation go to those two — to the last alone when the
 * transaction created it. Earlier events of this transaction are found by its id (the same in
 * savepoints) among the rows stamped with its start time, and re-addressed.
 */
export async function emitConversationChange(
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
    change: ConversationChange;
  },
): Promise<void> {
  await emitConversationChanges(tx, { workspaceId, changes: [{ conversationId, states, change }] });
}

interface ConversationChanges {
  workspaceId: string;
  changes: readonly {
    conversationId: string;
    states: OwnershipState[];
    change: ConversationChange;
  }[];
}

/** `emitConversationChange` for many conversations of one workspace, in two statements. */
export async function emitConversationChanges(
  tx: Database,
  changes: ConversationChanges,
): Promise<void> {
  await emitMany(tx, await conversationChangeEntries(tx, changes));
}

/**
 * The live events `emitConversationChanges` would record, addressed as it explains (this
 * transaction's earlier events about the same conversations are re-addressed now), for the
 * caller to record with `emitMany` together with its own writes.
 */
export async function conversationChangeEntries(
  tx: Database,
  { workspaceId, changes }: ConversationChanges,
): Promise<EmitEntry[]> {
  if (changes.length === 0) return [];
  const ids = changes.map((c) => c.conversationId);
  const result: unknown = await tx.execute(sql`
    select txid_current()::text as tx, coalesce((
      select json_agg(json_build_object('id', id, 'conversationId', payload->>'conversationId',
        'states', audience->'states', 'change', payload->>'change') order by id)
      from realtime_events
      where created_at = now() and workspace_id = ${workspaceId} and type = 'conversation.changed'
        and audience->>'tx' = txid_current()::text
        and payload->>'conversationId' in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})
    ), '[]') as earlier`);
  const [row] = (result as { rows: { tx: string; earlier: EarlierEvent[] }[] }).rows;
  const entries: EmitEntry[] = [];
  const readdressed: { id: number; states: OwnershipState[]; assigneeId: string | null }[] = [];
  for (const { conversationId, states, change } of changes) {
    const earlier = (row?.earlier ?? []).filter((event) => event.conversationId === conversationId);
    const last = states.at(-1);
    let addressed = states;
    if (earlier.length > 0 && last) {
      const created = change === "created" || earlier.some((event) => event.change === "created");
      const before = earlier[0]?.states[0];
      addressed = created || !before ? [last] : [before, last];
      for (const event of earlier) {
        readdressed.push({ id: event.id, states: addressed, assigneeId: last.assigneeId });
      }
    }
    // `tx` marks the transaction for the events after this one; delivery ignores it.
    const audience = {
      kind: "conversation" as const,
      conversationId,
      states: addressed,
      tx: row?.tx,
    };
    entries.push({
      workspaceId,
      audience,
      event: {
        type: "conversation.changed",
        conversationId,
        change,
        assigneeId: last?.assigneeId ?? null,
      },
    });
  }
  if (readdressed.length > 0) {
    // One statement for every conversation's earlier events (a JSON null assignee stays a
    // JSON null: jsonb_to_recordset reads it as SQL NULL).
    await tx.execute(sql`
      update realtime_events r
      set audience = jsonb_set(r.audience, '{states}', v.states),
        payload = jsonb_set(r.payload, '{assigneeId}', coalesce(v.assignee_id, 'null'::jsonb))
      from jsonb_to_recordset(${JSON.stringify(
        readdressed.map((e) => ({ id: e.id, states: e.states, assignee_id: e.assigneeId })),
      )}::jsonb) as v(id bigint, states jsonb, assignee_id jsonb)
      where r.id = v.id`);
  }
  return entries;
}

interface EarlierEvent {
  id: number;
  conversationId: string;
  states: OwnershipState[];
  change: string;
}
