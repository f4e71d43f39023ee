import { and, eq, inArray } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import * as schema from "@/db/schema";
import { conversationEvents, conversations, members } from "@/db/schema";
import { claimConversation } from "@/lib/assignment/assign-conversation";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { AppError } from "@/lib/errors";
import {
  arrive,
  buildWorld,
  loadDrift,
  setAvailability,
  viewerOf,
} from "../support/assignment-world";

/**
 * Races on real PostgreSQL, each caller on its own connection: many claims on one
 * conversation, and parallel routers over a stream of arrivals. PGlite is a single
 * connection in one process, so nothing there runs in parallel: these tests need PostgreSQL.
 */

const url = process.env.DATABASE_URL;
// max_connections is 100 by default and other test files share the server: 40 connections
// still put 40 claims on the row at the same instant, and the rest queue behind them.
const CONNECTIONS = Number(process.env.CLAIM_RACE_CONNECTIONS ?? 40);

let pool: pg.Pool | undefined;
function raceDb(): Database {
  pool ??= new pg.Pool({ connectionString: url, max: CONNECTIONS });
  return drizzle({ client: pool, schema, casing: "snake_case" });
}
afterAll(async () => {
  await pool?.end();
});

describe.skipIf(!url)(
  "races on PostgreSQL (skipped on PGlite: one connection, no parallelism)",
  () => {
    it("100 Agents claim one conversation at once: exactly one wins, 99 are told who", async () => {
      const people = Object.fromEntries(
        Array.from({ length: 100 }, (_, i) => [
          `Agent${String(i).padStart(3, "0")}`,
          "agent" as const,
        ]),
      );
      const w = await buildWorld({ people });
      const viewers = await Promise.all(Object.keys(people).map((name) => viewerOf(w, name)));
      const conversation = await arrive(w);
      const db = raceDb();
      // Open the connections first, so the claims start together rather than as each connects.
      await Promise.all(Array.from({ length: CONNECTIONS }, () => pool?.query("select 1")));

      const results = await Promise.allSettled(
        viewers.map((viewer) => claimConversation(db, { viewer, conversationId: conversation.id })),
      );
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(99);

      const [row] = await db
        .select()
        .from(conversations)
        .where(eq(conversations.id, conversation.id));
      const winner = viewers.find((v) => v.member?.id === row?.assigneeId);
      expect(winner).toBeDefined();
      const winnerName = Object.entries(w.people).find(
        ([, p]) => p.member.id === row?.assigneeId,
      )?.[0];
      for (const error of lost) {
        expect(error).toBeInstanceOf(AppError);
        expect(error).toMatchObject({
          code: "already_assigned",
          message: `${winnerName} took this one.`,
          details: { assignee: { id: row?.assigneeId, name: winnerName } },
        });
      }
      const assigned = await db
        .select()
        .from(conversationEvents)
        .where(
          and(
            eq(conversationEvents.conversationId, conversation.id),
            eq(conversationEvents.type, "assigned"),
          ),
        );
      expect(assigned).toHaveLength(1);
      expect(await loadDrift(w.workspaceId)).toEqual([]);
    }, 120_000);

    it("8 routers over 1,000 arrivals in balanced mode: no double assignment, no capacity breach, loads level", async () => {
      const names = Array.from({ length: 10 }, (_, i) => `Router${i}`);
      const w = await buildWorld({
        people: Object.fromEntries(names.map((n) => [n, "agent" as const])),
        mode: "balanced",
      });
      // Half unlimited, half at most 40 open: the capped fill up, the rest share what is left.
      for (const [i, name] of names.entries()) {
        await setAvailability(w, name, { status: "online", capacity: i % 2 === 0 ? null : 40 });
      }
      const db = raceDb();
      const ARRIVALS = 1000;
      let next = 0;
      const worker = async () => {
        while (next < ARRIVALS) {
          const n = next++;
          await receiveInboundMessage(db, {
            workspaceId: w.workspaceId,
            channel: "api",
            handle: `race-${n}`,
            body: `Arrival ${n}`,
          });
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));

      const rows = await db
        .select({ id: conversations.id, assigneeId: conversations.assigneeId })
        .from(conversations)
        .where(eq(conversations.workspaceId, w.workspaceId));
      expect(rows).toHaveLength(ARRIVALS);
      // Someone always had room (the unlimited half): nothing waits, everything is owned.
      expect(rows.filter((r) => r.assigneeId === null)).toEqual([]);

      const routed = await db
        .select({
          conversationId: conversationEvents.conversationId,
          data: conversationEvents.data,
        })
        .from(conversationEvents)
        .where(
          and(
            eq(conversationEvents.workspaceId, w.workspaceId),
            eq(conversationEvents.type, "routed"),
          ),
        );
      // One routing per conversation, to the member the row names.
      expect(routed).toHaveLength(ARRIVALS);
      expect(new Set(routed.map((e) => e.conversationId)).size).toBe(ARRIVALS);
      const owner = new Map(rows.map((r) => [r.id, r.assigneeId]));
      expect(routed.filter((e) => e.data.to !== owner.get(e.conversationId))).toEqual([]);

      const loads = await db
        .select({
          id: members.id,
          capacity: members.capacity,
          open: members.openConversations,
        })
        .from(members)
        .where(
          and(
            eq(members.workspaceId, w.workspaceId),
            inArray(
              members.id,
              names.map((n) => w.people[n]?.member.id ?? ""),
            ),
          ),
        );
      expect(await loadDrift(w.workspaceId)).toEqual([]);
      const capped = loads.filter((m) => m.capacity !== null).map((m) => m.open);
      const unlimited = loads.filter((m) => m.capacity === null).map((m) => m.open);
      expect(capped).toEqual([40, 40, 40, 40, 40]);
      expect(Math.max(...unlimited) - Math.min(...unlimited)).toBeLessThanOrEqual(1);
      expect(unlimited.reduce((a, b) => a + b, 0)).toBe(ARRIVALS - 200);
    }, 300_000);
  },
);
