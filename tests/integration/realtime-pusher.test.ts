import { createHash, createHmac } from "node:crypto";
import Pusher from "pusher";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { sendMessage } from "@/lib/conversations/send-message";
import { removeMember } from "@/lib/members/end-membership";
import { emit, emitConversationChange } from "@/lib/realtime/emit";
import {
  conversationPresenceChannel,
  memberChannel,
  type RealtimeEvent,
  visitorChannel,
} from "@/lib/realtime/events";
import { realtimeHub } from "@/lib/realtime/hub";
import { type PusherStandIn, startPusherStandIn } from "../support/pusher-stand-in";
import {
  type LeakClients,
  type LeakWorld,
  runLeakScenario,
  visitorNames,
} from "../support/realtime-leak";
import {
  type Authorize,
  connectPusherClient,
  type LivePusherClient,
} from "../support/realtime-pusher-client";
import { connectSse, type SseClient } from "../support/realtime-sse-client";
import { type SseServer, startSseServer } from "../support/realtime-sse-server";
import {
  authorizeAs,
  buildRealtimeWorld,
  newVisitor,
  personNames,
  type RealtimeWorld,
  viewerOf,
} from "../support/realtime-world";

/**
 * The Pusher driver end to end: the hub relays committed events with the real `pusher` SDK to
 * a local Pusher-protocol server (tests/support/pusher-stand-in.ts), and real `pusher-js`
 * clients, authorised through lib/realtime/authorize-channel.ts, receive them. Every test that
 * relays lives in this one file: two processes relaying from one database would share the
 * events between their stand-ins, as two app instances share one Pusher app.
 */

let standIn: PusherStandIn;
const saved: Record<string, string | undefined> = {};
const clients: LivePusherClient[] = [];

beforeAll(async () => {
  standIn = await startPusherStandIn();
  // Before the hub's first relay: it reads the configuration once and keeps its client.
  for (const [name, value] of Object.entries(standIn.env)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  await realtimeHub().start();
});

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await standIn.close();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function connect(authorize: Authorize = () => Promise.reject(new Error("no auth"))) {
  const client = await connectPusherClient({
    host: standIn.host,
    port: standIn.port,
    appKey: standIn.key,
    authorize,
  });
  clients.push(client);
  return client;
}

/** The events a pusher-js client got on a channel, as the hub sent them (without `eventId`). */
function eventsOn(client: LivePusherClient, channel: string): RealtimeEvent[] {
  return client.received
    .filter((entry) => entry.channel === channel && !entry.event.startsWith("pusher:"))
    .map((entry) => {
      const { eventId: _id, ...event } = entry.data as RealtimeEvent & { eventId: number };
      return event as RealtimeEvent;
    });
}

/** A REST request signed the way Pusher documents it, with parts to spoil. */
function signedRequest(
  path: string,
  body: string,
  spoil: {
    key?: string;
    secret?: string;
    timestamp?: number;
    md5?: string;
    version?: string;
  } = {},
) {
  const params: Record<string, string> = {
    auth_key: spoil.key ?? standIn.key,
    auth_timestamp: String(spoil.timestamp ?? Math.floor(Date.now() / 1000)),
    auth_version: spoil.version ?? "1.0",
    body_md5: spoil.md5 ?? createHash("md5").update(body).digest("hex"),
  };
  const query = Object.keys(params)
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join("&");
  const signature = createHmac("sha256", spoil.secret ?? standIn.secret)
    .update(`POST\n${path}\n${query}`)
    .digest("hex");
  return fetch(
    `http://${standIn.host}:${standIn.port}${path}?${query}&auth_signature=${signature}`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    },
  );
}

function rawSocket(path: string): Promise<{ ws: WebSocket; messages: Record<string, unknown>[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${standIn.host}:${standIn.port}${path}`);
    const messages: Record<string, unknown>[] = [];
    ws.on("message", (raw) => messages.push(JSON.parse(raw.toString())));
    ws.on("open", () => resolve({ ws, messages }));
    ws.on("error", reject);
  });
}

describe("the Pusher-protocol stand-in checks what Pusher checks", () => {
  it("takes the SDK's signed trigger and batch and forwards them to subscribed pusher-js sockets", async () => {
    const client = await connect();
    expect(client.socketId()).toMatch(/^\d+\.\d+$/);
    expect(await client.subscribe("public-check")).toEqual({ ok: true, members: {} });
    const sdk = new Pusher({
      appId: standIn.appId,
      key: standIn.key,
      secret: standIn.secret,
      host: standIn.host,
      port: String(standIn.port),
      useTLS: false,
    });
    await sdk.trigger("public-check", "greeting", { hello: "world" });
    await sdk.triggerBatch([
      { channel: "public-check", name: "one", data: { n: 1 } },
      { channel: "public-check", name: "two", data: { n: 2 } },
    ]);
    await client.waitFor(() => client.received.length >= 3);
    expect(client.received.map(({ event, data }) => ({ event, data }))).toEqual([
      { event: "greeting", data: { hello: "world" } },
      { event: "one", data: { n: 1 } },
      { event: "two", data: { n: 2 } },
    ]);
    // An excluded socket (socket_id) is skipped.
    await sdk.trigger("public-check", "not-for-me", {}, { socket_id: client.socketId() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(client.received.map((entry) => entry.event)).not.toContain("not-for-me");
  });

  it("refuses a wrong secret, key, version, stale timestamp or spoiled body_md5 with 401", async () => {
    const path = `/apps/${standIn.appId}/events`;
    const body = JSON.stringify({ name: "x", data: "{}", channels: ["a"] });
    expect((await signedRequest(path, body)).status).toBe(200);
    expect((await signedRequest(path, body, { secret: "wrong" })).status).toBe(401);
    expect((await signedRequest(path, body, { key: "other-key" })).status).toBe(401);
    expect((await signedRequest(path, body, { version: "2.0" })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 601;
    expect((await signedRequest(path, body, { timestamp: stale })).status).toBe(401);
    expect((await signedRequest(path, body, { md5: "0".repeat(32) })).status).toBe(401);
    expect(
      (
        await signedRequest(
          `/apps/${standIn.appId}/events`,
          JSON.stringify({ name: "y", data: "{}", channels: ["a"] }),
          {},
        )
      ).status,
    ).toBe(200);
    const sdk = new Pusher({
      appId: standIn.appId,
      key: standIn.key,
      secret: "not-the-secret",
      host: standIn.host,
      port: String(standIn.port),
      useTLS: false,
    });
    await expect(sdk.trigger("a", "x", {})).rejects.toMatchObject({ status: 401 });
  });

  it("refuses more than 100 channels (400), more than 10 batched events (400) and data of 10 kB or more (413)", async () => {
    const path = `/apps/${standIn.appId}/events`;
    const channels = Array.from({ length: 101 }, (_, i) => `c${i}`);
    const tooMany = JSON.stringify({ name: "x", data: "{}", channels });
    expect((await signedRequest(path, tooMany)).status).toBe(400);
    const hundred = JSON.stringify({ name: "x", data: "{}", channels: channels.slice(0, 100) });
    expect((await signedRequest(path, hundred)).status).toBe(200);
    const big = JSON.stringify({ name: "x", data: "x".repeat(10_241), channels: ["a"] });
    expect((await signedRequest(path, big)).status).toBe(413);
    const batch = JSON.stringify({
      batch: Array.from({ length: 11 }, () => ({ channel: "a", name: "x", data: "{}" })),
    });
    expect((await signedRequest(`/apps/${standIn.appId}/batch_events`, batch)).status).toBe(400);
  });

  it("answers the WebSocket handshake, ping with pong, and refuses an unknown app key", async () => {
    const { ws, messages } = await rawSocket(`/app/${standIn.key}?protocol=7&client=js`);
    await standIn.waitFor(() => messages.length >= 1);
    expect(messages[0]?.event).toBe("pusher:connection_established");
    expect(JSON.parse(String(messages[0]?.data))).toEqual({
      socket_id: expect.stringMatching(/^\d+\.\d+$/),
      activity_timeout: 120,
    });
    ws.send(JSON.stringify({ event: "pusher:ping", data: {} }));
    await standIn.waitFor(() => messages.some((m) => m.event === "pusher:pong"));
    ws.close();

    const refused = await rawSocket("/app/not-our-key?protocol=7");
    const code = await new Promise<number>((resolve) => refused.ws.on("close", resolve));
    expect(code).toBe(4001);
    expect(refused.messages[0]?.event).toBe("pusher:error");
  });

  it("checks private and presence signatures, tells presence members about each other, forwards client events", async () => {
    const sign = (socketId: string, channel: string, data?: string) => {
      const text = data === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${data}`;
      return `${standIn.key}:${createHmac("sha256", standIn.secret).update(text).digest("hex")}`;
    };
    // Signed for the socket and channel asked: accepted.
    const alice = await connect(async ({ socketId, channelName }) => ({
      auth: sign(socketId, channelName),
    }));
    expect(await alice.subscribe("private-room")).toEqual({ ok: true, members: {} });
    // Signed with another secret, or for another socket: refused by the server.
    const forger = await connect(async ({ channelName }) => ({
      auth: sign(alice.socketId(), channelName),
    }));
    const forged = await forger.subscribe("private-room");
    expect(forged.ok).toBe(false);
    expect(standIn.subscriptions.at(-1)).toMatchObject({
      socketId: forger.socketId(),
      channel: "private-room",
      accepted: false,
    });
    const bob = await connect(async ({ socketId, channelName }) => ({
      auth: sign(socketId, channelName),
    }));
    expect((await bob.subscribe("private-room")).ok).toBe(true);

    // Client events go to the other subscribers only.
    expect(alice.trigger("private-room", "client-typing", { who: "alice" })).toBe(true);
    await bob.waitFor(() => bob.received.some((entry) => entry.event === "client-typing"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alice.received.some((entry) => entry.event === "client-typing")).toBe(false);
    expect(standIn.clientEvents.at(-1)).toMatchObject({
      socketId: alice.socketId(),
      forwardedTo: [bob.socketId()],
    });

    // Presence: channel_data is signed too; members learn of each other.
    const presenceAuth =
      (user: string) =>
      async ({ socketId, channelName }: { socketId: string; channelName: string }) => {
        const channelData = JSON.stringify({ user_id: user, user_info: { name: user } });
        return { auth: sign(socketId, channelName, channelData), channel_data: channelData };
      };
    const first = await connect(presenceAuth("u1"));
    expect((await first.subscribe("presence-room")).ok).toBe(true);
    const second = await connect(presenceAuth("u2"));
    const joined = await second.subscribe("presence-room");
    expect(joined).toMatchObject({ ok: true, members: { count: 2 } });
    await first.waitFor(() =>
      first.received.some((entry) => entry.event === "pusher:member_added"),
    );
    const tamper = await connect(async (request) => {
      const honest = await presenceAuth("u3")(request);
      return { ...honest, channel_data: JSON.stringify({ user_id: "admin" }) };
    });
    expect((await tamper.subscribe("presence-room")).ok).toBe(false);
    second.disconnect();
    await first.waitFor(() =>
      first.received.some((entry) => entry.event === "pusher:member_removed"),
    );
  });
});

describe("Pusher driver: channels follow visibility", () => {
  let world: RealtimeWorld;

  beforeAll(async () => {
    world = await buildRealtimeWorld({ label: "Pusher" });
  });

  const asMember = (name: (typeof personNames)[number]) =>
    authorizeAs(world, { userId: world.people[name].user.id });

  it("a member's private channel opens only for that member, and stops after removal", async () => {
    const salesChannel = memberChannel(world.people.sales.member.id);
    const sales = await connect(asMember("sales"));
    expect((await sales.subscribe(salesChannel)).ok).toBe(true);

    const support = await connect(asMember("support"));
    const refused = await support.subscribe(salesChannel);
    expect(refused).toEqual({ ok: false, error: expect.stringContaining("not your channel") });

    const stranger = await connect(authorizeAs(world, { userId: null }));
    expect((await stranger.subscribe(salesChannel)).ok).toBe(false);

    // A conversation on Sales: the Sales agent hears of it through the relay.
    const { receiveInboundMessage } = await import("@/lib/conversations/receive-inbound-message");
    const { conversation } = await receiveInboundMessage(world.db, {
      workspaceId: world.workspaceId,
      channel: "api",
      handle: `pusher-${Date.now()}`,
      body: "Hello",
      teamId: world.teams.sales,
    });
    await sales.waitFor(() =>
      eventsOn(sales, salesChannel).find(
        (event) =>
          event.type === "conversation.changed" && event.conversationId === conversation.id,
      ),
    );
    const trigger = standIn.triggers.find((entry) => entry.data.includes(conversation.id));
    expect(trigger?.channels).toContain(salesChannel);
    expect(trigger?.channels).not.toContain(memberChannel(world.people.support.member.id));
    expect(trigger?.channels).not.toContain(memberChannel(world.people.free.member.id));

    // Removed: the channel can no longer be opened, and nothing more is sent on it.
    const accessChanges = () =>
      eventsOn(sales, salesChannel).filter((event) => event.type === "access.changed").length;
    const changesBefore = accessChanges();
    await removeMember(world.db, {
      workspaceId: world.workspaceId,
      memberId: world.people.sales.member.id,
      actorMemberId: world.people.admin.member.id,
    });
    // The tab they already had open is told, so it refreshes into the refusal.
    await sales.waitFor(() => accessChanges() > changesBefore || undefined);
    const again = await connect(asMember("sales"));
    expect((await again.subscribe(salesChannel)).ok).toBe(false);
    const before = standIn.triggers.length;
    await world.db.transaction((tx) =>
      emitConversationChange(tx, {
        workspaceId: world.workspaceId,
        conversationId: conversation.id,
        states: [{ assigneeId: null, teamId: world.teams.sales }],
        change: "message",
      }),
    );
    await standIn.waitFor(() =>
      standIn.triggers.slice(before).find((entry) => entry.data.includes(conversation.id)),
    );
    expect(standIn.triggers.slice(before).flatMap((entry) => entry.channels)).not.toContain(
      salesChannel,
    );
  });

  it("a conversation's presence channel opens only for members who may see it", async () => {
    const { receiveInboundMessage } = await import("@/lib/conversations/receive-inbound-message");
    const { conversation } = await receiveInboundMessage(world.db, {
      workspaceId: world.workspaceId,
      channel: "api",
      handle: `presence-${Date.now()}`,
      body: "Hi",
      teamId: world.teams.support,
    });
    const channel = conversationPresenceChannel(conversation.id);
    const support = await connect(asMember("support"));
    expect(await support.subscribe(channel)).toMatchObject({
      ok: true,
      members: { count: 1, me: { id: world.people.support.member.id } },
    });
    const admin = await connect(asMember("admin"));
    expect(await admin.subscribe(channel)).toMatchObject({ ok: true, members: { count: 2 } });
    await support.waitFor(() =>
      support.received.find(
        (entry) =>
          entry.event === "pusher:member_added" &&
          JSON.stringify(entry.data).includes(world.people.admin.member.id),
      ),
    );
    const viewer = await connect(asMember("viewer"));
    expect((await viewer.subscribe(channel)).ok).toBe(true);
    // The teamless agent sees the no-team queue only, not Support's conversation.
    const free = await connect(asMember("free"));
    expect(await free.subscribe(channel)).toEqual({
      ok: false,
      error: expect.stringContaining("conversation"),
    });
  });

  it("a visitor's channel opens only with that visitor's token, and carries replies, not notes", async () => {
    const one = newVisitor(world);
    const two = newVisitor(world);
    const { receiveInboundMessage } = await import("@/lib/conversations/receive-inbound-message");
    const { conversation } = await receiveInboundMessage(world.db, {
      workspaceId: world.workspaceId,
      channel: "web_chat",
      handle: one.visitorId,
      body: "Hello from the widget",
    });
    const channel = visitorChannel(world.publicId, one.visitorId);
    const visitor = await connect(authorizeAs(world, { userId: null, token: one.token }));
    expect((await visitor.subscribe(channel)).ok).toBe(true);
    const other = await connect(authorizeAs(world, { userId: null, token: two.token }));
    expect(await other.subscribe(channel)).toEqual({
      ok: false,
      error: expect.stringContaining("not your chat"),
    });
    const member = await connect(asMember("admin"));
    expect((await member.subscribe(channel)).ok).toBe(false);

    const admin = await viewerOf(world, "admin");
    await sendMessage(world.db, {
      viewer: admin,
      conversationId: conversation.id,
      body: "Internal only",
      note: true,
    });
    const reply = await sendMessage(world.db, {
      viewer: admin,
      conversationId: conversation.id,
      body: "Hello! How can we help?",
      note: false,
    });
    await visitor.waitFor(() => eventsOn(visitor, channel).length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(eventsOn(visitor, channel)).toEqual([
      {
        type: "widget.message",
        conversationId: conversation.id,
        message: expect.objectContaining({ id: reply.id, from: "team", body: reply.body }),
      },
    ]);
  });

  it("an event Pusher refuses (over 10 kB) does not take the events committed with it down too", async () => {
    const admin = connect(asMember("admin"));
    const client = await admin;
    const channel = memberChannel(world.people.admin.member.id);
    expect((await client.subscribe(channel)).ok).toBe(true);
    const visitor = newVisitor(world);
    await world.db.transaction(async (tx) => {
      await emit(tx, {
        workspaceId: world.workspaceId,
        audience: { kind: "visitor", publicId: world.publicId, visitorId: visitor.visitorId },
        event: {
          type: "widget.message",
          conversationId: "00000000-0000-4000-8000-000000000000",
          // 4,000 characters (the message limit) of three UTF-8 bytes each: 12 kB.
          message: {
            id: "big",
            from: "team",
            body: "語".repeat(4_000),
            createdAt: new Date().toISOString(),
            authorName: "Admin",
          },
        },
      });
      await emit(tx, {
        workspaceId: world.workspaceId,
        audience: { kind: "members", memberIds: [world.people.admin.member.id] },
        event: {
          type: "presence",
          conversationId: "00000000-0000-4000-8000-000000000001",
          memberId: world.people.admin.member.id,
          name: "after the big one",
          viewing: true,
          typing: false,
        },
      });
    });
    await standIn.waitFor(() => standIn.rest.find((entry) => entry.status === 413));
    await client.waitFor(
      () =>
        eventsOn(client, channel).find(
          (event) => event.type === "presence" && event.name === "after the big one",
        ),
      3_000,
    );
  });
});

describe("leak test: what each member's client receives over a sequence of changes (both drivers)", () => {
  let sse: SseServer;
  const streams: SseClient[] = [];

  beforeAll(async () => {
    const { getDb } = await import("@/db/client");
    sse = await startSseServer(await getDb());
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await sse.close();
  });

  async function attach(world: RealtimeWorld): Promise<LeakWorld> {
    const visitors = { one: newVisitor(world), two: newVisitor(world) };
    const builtin = {
      members: {} as LeakClients["members"],
      visitors: {} as LeakClients["visitors"],
    };
    const pusher = {
      members: {} as LeakClients["members"],
      visitors: {} as LeakClients["visitors"],
    };
    const leak: LeakWorld = { world, visitors, clients: { builtin, pusher } };
    for (const name of personNames) {
      const { member, user } = world.people[name];
      const stream = await connectSse(sse.memberUrl(member.id));
      streams.push(stream);
      builtin.members[name] = () => stream.events<RealtimeEvent>().map((entry) => entry.event);
      const client = await connect(authorizeAs(world, { userId: user.id }));
      const channel = memberChannel(member.id);
      expect((await client.subscribe(channel)).ok).toBe(true);
      pusher.members[name] = () => eventsOn(client, channel);
    }
    for (const name of visitorNames) {
      const { visitorId, token } = visitors[name];
      const stream = await connectSse(sse.visitorUrl(world.publicId, token));
      streams.push(stream);
      builtin.visitors[name] = () => stream.events<RealtimeEvent>().map((entry) => entry.event);
      const client = await connect(authorizeAs(world, { userId: null, token }));
      const channel = visitorChannel(world.publicId, visitorId);
      expect((await client.subscribe(channel)).ok).toBe(true);
      pusher.visitors[name] = () => eventsOn(client, channel);
    }
    return leak;
  }

  it("every member gets exactly the events about conversations they may see; visitors only their replies", async () => {
    const leaks = [
      await attach(await buildRealtimeWorld({ agentsSeeUnassigned: true, label: "Leak on" })),
      await attach(await buildRealtimeWorld({ agentsSeeUnassigned: false, label: "Leak off" })),
    ];
    const report = await runLeakScenario(leaks);
    expect(report.violations).toEqual([]);
    expect(report.checked.builtin).toBeGreaterThan(100);
    expect(report.checked.pusher).toBe(report.checked.builtin);
  }, 120_000);
});
