import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { emitConversationChanges } from "@/lib/realtime/emit";
import { makeWorkspace, rawRows } from "../support/factories";

/*
 * One transaction that changes a conversation several times: only the state before it and the
 * one after it were ever visible, so every live event it recorded about the conversation is
 * addressed to those two, and names the final assignee.
 */

interface Row {
  conversation_id: string;
  states: { assigneeId: string | null; teamId: string | null }[];
  assignee_id: string | null;
  payload_kind: string;
}

async function eventsOf(conversationIds: string[], since: number) {
  return rawRows<Row>(sql`
    select payload->>'conversationId' as conversation_id, audience->'states' as states,
      payload->>'assigneeId' as assignee_id, jsonb_typeof(payload->'assigneeId') as payload_kind
    from realtime_events
    where id > ${since} and type = 'conversation.changed'
      and payload->>'conversationId' in (${sql.join(
        conversationIds.map((id) => sql`${id}`),
        sql`, `,
      )})
    order by id`);
}

describe("live events of a conversation changed twice in one transaction", () => {
  it("go to the state before the transaction and the one after, for every conversation at once", async () => {
    const db = await getDb();
    const { workspace, others } = await makeWorkspace(["agent", "agent"]);
    const [xena, sam] = others;
    if (!xena || !sam) throw new Error("setup failed");
    const first = await receiveInboundMessage(db, {
      workspaceId: workspace.id,
      channel: "api",
      handle: `readdress-a-${Date.now()}`,
      body: "Hi",
    });
    const second = await receiveInboundMessage(db, {
      workspaceId: workspace.id,
      channel: "api",
      handle: `readdress-b-${Date.now()}`,
      body: "Hello",
    });
    const [mark] = await rawRows<{ id: number }>(
      sql`select coalesce(max(id), 0)::int as id from realtime_events`,
    );
    const since = mark?.id ?? 0;
    const none = { assigneeId: null, teamId: null };
    const toXena = { assigneeId: xena.member.id, teamId: null };
    const toSam = { assigneeId: sam.member.id, teamId: null };
    const ids = [first.conversation.id, second.conversation.id];

    await db.transaction(async (tx) => {
      // First to Xena, then: the first on to Sam, the second back to nobody.
      await emitConversationChanges(tx, {
        workspaceId: workspace.id,
        changes: ids.map((conversationId) => ({
          conversationId,
          states: [none, toXena],
          change: "assignment" as const,
        })),
      });
      await emitConversationChanges(tx, {
        workspaceId: workspace.id,
        changes: [
          { conversationId: ids[0] ?? "", states: [toXena, toSam], change: "assignment" },
          { conversationId: ids[1] ?? "", states: [toXena, none], change: "assignment" },
        ],
      });
    });

    const rows = await eventsOf(ids, since);
    expect(rows).toHaveLength(4);
    for (const row of rows.filter((r) => r.conversation_id === ids[0])) {
      expect(row.states).toEqual([none, toSam]);
      expect(row.assignee_id).toBe(sam.member.id);
    }
    for (const row of rows.filter((r) => r.conversation_id === ids[1])) {
      expect(row.states).toEqual([none, none]);
      // Unassigned at the end: a JSON null, not a payload wiped by a SQL NULL.
      expect(row.payload_kind).toBe("null");
      expect(row.assignee_id).toBeNull();
    }
  });
});
