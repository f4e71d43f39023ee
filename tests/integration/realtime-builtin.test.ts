import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/db/client";
import { members, realtimeEvents } from "@/db/schema";
import { setMemberAvailability } from "@/lib/assignment/set-member-availability";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { sendMessage } from "@/lib/conversations/send-message";
import { removeMember } from "@/lib/members/end-membership";
import { loadSubscriber } from "@/lib/realtime/audience";
import { emit } from "@/lib/realtime/emit";
import { eventStream } from "@/lib/realtime/event-stream";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { realtimeHub } from "@/lib/realtime/hub";
import { removeTeamMember } from "@/lib/teams/remove-team-member";
import { updateRoutingSettings } from "@/lib/workspaces/update-routing-settings";
import { gate } from "../support/gate";
import { connectSse, type SseClient } from "../support/realtime-sse-client";
import { type SseServer, startSseServer } from "../support/realtime-sse-server";
import {
  buildRealtimeWorld,
  newVisitor,
  type RealtimeWorld,
  viewerOf,
  workspaceOf,
} from "../support/realtime-world";

/**
 * The built-in driver in one process: Server-Sent Events fed by LISTEN/NOTIFY through the
 * hub, served over a plain HTTP server the way the route handlers serve them. (Across two
 * processes: realtime-two-processes.test.ts; the leak test of both drivers:
 * realtime-pusher.test.ts.)
 */

const onPostgres = inject("databaseUrl") !== null;

let sse: SseServer;
let world: RealtimeWorld;
const streams: SseClient[] = [];

async function open(url: string, lastEventId?: string | null) {
  const stream = await connectSse(url, { lastEventId });
  streams.push(stream);
  return stream;
}

const changesOf = (stream: SseClient, conversationId: string) =>
  stream
    .events<RealtimeEvent>()
    .filter(
      (entry) =>
        entry.event.type === "conversation.changed" &&
        entry.event.conversationId === conversationId,
    );

beforeAll(async () => {
  sse = await startSseServer(await getDb());
  world = await buildRealtimeWorld({ label: "Builtin" });
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  await sse.close();
});

async function arrive(
  teamId: string | null = null,
  handle = `c-${randomBytes(4).toString("hex")}`,
) {
  const { conversation } = await receiveInboundMessage(world.db, {
    workspaceId: world.workspaceId,
    channel: "api",
    handle,
    body: "Hello",
    teamId,
  });
  return conversation;
}

describe("the hub", () => {
  // First in this file: the hub's first delivery in a process also prunes old events.
  it.skipIf(!onPostgres)(
    "delivers an event that commits while it prunes, without waiting for another one (PostgreSQL: needs a second connection to hold a lock; PGlite has one)",
    async () => {
      const db = world.db;
      // An expired event whose row another transaction holds: the prune's DELETE waits on it.
      const [old] = await db
        .insert(realtimeEvents)
        .values({
          workspaceId: world.workspaceId,
          audience: { kind: "members", memberIds: [] },
          type: "access.changed",
          payload: { type: "access.changed" },
          createdAt: new Date(Date.now() - 60 * 60_000),
        })
        .returning({ id: realtimeEvents.id });
      if (!old) throw new Error("insert returned nothing");
      const { opened: released, open: release } = gate();
      const holding = db.transaction(async (tx) => {
        await tx.select().from(realtimeEvents).where(eq(realtimeEvents.id, old.id)).for("update");
        await released;
      });

      const admin = await open(sse.memberUrl(world.people.admin.member.id));
      const first = await arrive();
      await admin.waitFor(() => changesOf(admin, first.id).length > 0);
      // The hub is now pruning, blocked on the held row.
      const waiting = async () => {
        const result = await db.execute(
          sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'delete from "realtime_events"%'`,
        );
        return (result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
      };
      const deadline = Date.now() + 5_000;
      while ((await waiting()) === 0) {
        if (Date.now() > deadline) throw new Error("the hub never pruned");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const second = await arrive();
      release();
      await holding;
      // Nothing else happens in this workspace: the second event must not wait for a third.
      await admin.waitFor(() => changesOf(admin, second.id).length > 0, 2_000);
    },
  );
});

describe("the hub's lost connection", () => {
  it.skipIf(!onPostgres)(
    "delivers what committed while its LISTEN connection was down, once it listens again (PostgreSQL: a connection to drop)",
    async () => {
      const admin = await open(sse.memberUrl(world.people.admin.member.id));
      const first = await arrive();
      await admin.waitFor(() => changesOf(admin, first.id).length > 0);
      // This process's listening connection goes away; it listens again after 250 ms.
      await world.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${`switchboard listen ${process.pid}`}`,
      );
      const missed = await arrive(); // its NOTIFY finds nobody listening
      await admin.waitFor(() => changesOf(admin, missed.id).length > 0, 5_000);
    },
  );
});

describe("member streams", () => {
  it("start with a retry hint and carry committed changes the member may see, and only those", async () => {
    const sales = await open(sse.memberUrl(world.people.sales.member.id));
    const support = await open(sse.memberUrl(world.people.support.member.id));
    expect(sales.status).toBe(200);
    // A retry hint spread over 2–5 s, so clients do not all come back at once.
    await sales.waitFor(() => sales.retry !== null && sales.retry >= 2000 && sales.retry < 5000);
    const onSales = await arrive(world.teams.sales);
    const onSupport = await arrive(world.teams.support);
    await sales.waitFor(() => changesOf(sales, onSales.id).length > 0);
    await support.waitFor(() => changesOf(support, onSupport.id).length > 0);
    expect(changesOf(sales, onSupport.id)).toEqual([]);
    expect(changesOf(support, onSales.id)).toEqual([]);
    // Ids increase, so a reconnecting client can say where it stopped.
    const ids = sales.frames.map((frame) => Number(frame.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it("resume from Last-Event-ID with everything they missed", async () => {
    const conversation = await arrive(world.teams.sales);
    const first = await open(sse.memberUrl(world.people.sales.member.id));
    const admin = await viewerOf(world, "admin");
    const note = (body: string) =>
      sendMessage(world.db, { viewer: admin, conversationId: conversation.id, body, note: true });
    // (The arrival's own event may still reach this new stream: only notes are counted.)
    const notesOn = (stream: SseClient) =>
      changesOf(stream, conversation.id).filter(
        (entry) => entry.event.type === "conversation.changed" && entry.event.change === "reply",
      );
    await note("One");
    await first.waitFor(() => notesOn(first).length === 1);
    const lastSeen = first.lastEventId();
    first.close();
    await first.ended;

    await note("Two");
    await note("Three");
    const resumed = await open(sse.memberUrl(world.people.sales.member.id), lastSeen);
    const missed = () => notesOn(resumed).filter((entry) => Number(entry.id) > Number(lastSeen));
    await resumed.waitFor(() => missed().length >= 2);
    // Exactly the two missed. (Ids a little older may come back too — a transaction that took
    // its id earlier can commit later — and the client drops the ones it has.)
    expect(missed()).toHaveLength(2);
  });

  it("stop delivering a team's conversations once the member leaves the team", async () => {
    const support = await open(sse.memberUrl(world.people.support.member.id));
    const before = await arrive(world.teams.support);
    await support.waitFor(() => changesOf(support, before.id).length > 0);
    await removeTeamMember(world.db, {
      workspaceId: world.workspaceId,
      actorMemberId: world.people.admin.member.id,
      teamId: world.teams.support,
      memberId: world.people.support.member.id,
    });
    await support.waitFor(() =>
      support.events<RealtimeEvent>().find((entry) => entry.event.type === "access.changed"),
    );
    const after = await arrive(world.teams.support);
    const admin = await open(sse.memberUrl(world.people.admin.member.id));
    await sendMessage(world.db, {
      viewer: await viewerOf(world, "admin"),
      conversationId: after.id,
      body: "Still here",
      note: true,
    });
    await admin.waitFor(() => changesOf(admin, after.id).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(changesOf(support, after.id)).toEqual([]);
    expect(support.isEnded()).toBe(false);
  });

  it("of a removed member get `event: revoked` and close, at once", async () => {
    const local = await buildRealtimeWorld({ label: "Revoke" });
    const stream = await open(sse.memberUrl(local.people.free.member.id));
    await removeMember(local.db, {
      workspaceId: local.workspaceId,
      memberId: local.people.free.member.id,
      actorMemberId: local.people.admin.member.id,
    });
    await stream.ended;
    expect(stream.frames.at(-1)).toMatchObject({ event: "revoked" });
    // And a new stream is refused.
    const again = await open(sse.memberUrl(local.people.free.member.id));
    expect(again.status).toBe(404);
  });
});

describe("conversations whose ownership changes more than once in one transaction", () => {
  it("of an arrival reach who may see it waiting and its new owner; nobody else", async () => {
    // Balanced routing with only the Sales agent online. An arrival commits first (it waits,
    // unassigned and without a team), then routing gives it to Sales after that commit. With
    // Agents not seeing the unassigned queue, the teamless Agent may see neither state.
    const local = await buildRealtimeWorld({ agentsSeeUnassigned: false, label: "Chain" });
    await updateRoutingSettings(local.db, {
      workspaceId: local.workspaceId,
      actorMemberId: local.people.admin.member.id,
      input: { routingMode: "balanced" },
    });
    await setMemberAvailability(local.db, {
      workspace: await workspaceOf(local),
      memberId: local.people.sales.member.id,
      actorMemberId: local.people.sales.member.id,
      change: { status: "online" },
    });
    const free = await open(sse.memberUrl(local.people.free.member.id));
    const sales = await open(sse.memberUrl(local.people.sales.member.id));
    const admin = await open(sse.memberUrl(local.people.admin.member.id));
    const { conversation } = await receiveInboundMessage(local.db, {
      workspaceId: local.workspaceId,
      channel: "api",
      handle: `chain-${randomBytes(4).toString("hex")}`,
      body: "Hello",
    });
    expect(conversation.assigneeId).toBe(local.people.sales.member.id);
    await sales.waitFor(() => changesOf(sales, conversation.id).length > 0);
    await admin.waitFor(() => changesOf(admin, conversation.id).length > 0);
    // A marker for the teamless Agent after it: everything before it has been delivered.
    await emit(local.db, {
      workspaceId: local.workspaceId,
      audience: { kind: "members", memberIds: [local.people.free.member.id] },
      event: { type: "access.changed" },
    });
    await free.waitFor(() =>
      free.events<RealtimeEvent>().find((entry) => entry.event.type === "access.changed"),
    );
    expect(changesOf(free, conversation.id)).toEqual([]);
  });
});

describe("the workspace switch 'Agents see the unassigned queue'", () => {
  it("applies to open streams at once, both ways", async () => {
    const local = await buildRealtimeWorld({ agentsSeeUnassigned: true, label: "Switch" });
    const free = await open(sse.memberUrl(local.people.free.member.id));
    const admin = await open(sse.memberUrl(local.people.admin.member.id));
    const arriveHere = async () =>
      (
        await receiveInboundMessage(local.db, {
          workspaceId: local.workspaceId,
          channel: "api",
          handle: `switch-${randomBytes(4).toString("hex")}`,
          body: "Hello",
        })
      ).conversation;
    const flip = (agentsSeeUnassigned: boolean) =>
      updateRoutingSettings(local.db, {
        workspaceId: local.workspaceId,
        actorMemberId: local.people.admin.member.id,
        input: { agentsSeeUnassigned },
      });

    const seen = await arriveHere();
    await free.waitFor(() => changesOf(free, seen.id).length > 0);
    await flip(false);
    const hidden = await arriveHere();
    await admin.waitFor(() => changesOf(admin, hidden.id).length > 0);
    await flip(true);
    const seenAgain = await arriveHere();
    await free.waitFor(() => changesOf(free, seenAgain.id).length > 0, 2_000);
    expect(changesOf(free, hidden.id)).toEqual([]);
  });
});

describe("visitor streams", () => {
  it("need the visitor's token and carry their own conversation's replies, never notes", async () => {
    const one = newVisitor(world);
    const two = newVisitor(world);
    const bad = await open(sse.visitorUrl(world.publicId, `${one.token}x`));
    expect(bad.status).toBe(401);
    const streamOne = await open(sse.visitorUrl(world.publicId, one.token));
    const streamTwo = await open(sse.visitorUrl(world.publicId, two.token));
    const { conversation } = await receiveInboundMessage(world.db, {
      workspaceId: world.workspaceId,
      channel: "web_chat",
      handle: one.visitorId,
      body: "Hi",
    });
    const admin = await viewerOf(world, "admin");
    await sendMessage(world.db, {
      viewer: admin,
      conversationId: conversation.id,
      body: "A note",
      note: true,
    });
    const reply = await sendMessage(world.db, {
      viewer: admin,
      conversationId: conversation.id,
      body: "A reply",
      note: false,
    });
    await streamOne.waitFor(() => streamOne.events().length > 0);
    // A marker after the reply for visitor two: everything before it has been delivered.
    await emit(world.db, {
      workspaceId: world.workspaceId,
      audience: { kind: "visitor", publicId: world.publicId, visitorId: two.visitorId },
      event: { type: "widget.typing", conversationId: "marker", name: "marker", typing: false },
    });
    await streamTwo.waitFor(() => streamTwo.events().length > 0);
    expect(streamOne.events<RealtimeEvent>().map((entry) => entry.event)).toEqual([
      {
        type: "widget.message",
        conversationId: conversation.id,
        message: expect.objectContaining({ id: reply.id, body: "A reply", from: "team" }),
      },
    ]);
    expect(streamTwo.events<RealtimeEvent>().map((entry) => entry.event.type)).toEqual([
      "widget.typing",
    ]);
  });
});

describe("a stream whose client leaves before it is running", () => {
  it("leaves no subscription, no heartbeat and no presence behind", async () => {
    const db = await getDb();
    const hub = realtimeHub();
    await hub.start();
    const before = hub.listeners;
    const member = world.people.support.member;
    const subscriber = await loadSubscriber(db, member.id);
    if (!subscriber) throw new Error("no subscriber");
    await db.update(members).set({ lastSeenLiveAt: null }).where(eq(members.id, member.id));

    // Gone while the route checked who it was: the signal is aborted before the stream starts.
    const gone = new AbortController();
    gone.abort();
    await eventStream(db, {
      audience: { kind: "member", subscriber },
      lastEventId: null,
      signal: gone.signal,
    });
    expect(hub.listeners).toBe(before);

    // Gone during the replay of what it missed (every reconnect replays).
    const leaving = new AbortController();
    await eventStream(db, {
      audience: { kind: "member", subscriber },
      lastEventId: 0,
      signal: leaving.signal,
    });
    leaving.abort();
    await new Promise((resolve) => setTimeout(resolve, 500)); // the replay's read completes
    expect(hub.listeners).toBe(before);
    // Before, the stream went on after its replay: marked the member live (and every 15 s).
    const [row] = await db
      .select({ lastSeenLiveAt: members.lastSeenLiveAt })
      .from(members)
      .where(eq(members.id, member.id));
    expect(row?.lastSeenLiveAt).toBeNull();
  });
});

describe("a shutting-down process", () => {
  it("ends its open streams, so its HTTP server can close and clients reconnect elsewhere", async () => {
    const db = await getDb();
    const hub = realtimeHub();
    await hub.start();
    const response = await eventStream(db, {
      audience: { kind: "visitor", workspaceId: world.workspaceId, visitorId: "shutdown-visitor" },
      lastEventId: null,
      signal: new AbortController().signal,
    });
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no body");
    expect(new TextDecoder().decode((await reader.read()).value)).toMatch(
      /^retry: [2-4]\d{3}\n\n$/,
    );
    hub.endAll();
    // Before, nothing ended a stream but its client: `next start` waited on it until SIGKILL.
    expect((await reader.read()).done).toBe(true);
    expect(hub.listeners).toBe(0);
  });
});
