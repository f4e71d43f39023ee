import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { updateWidgetAction } from "@/app/(app)/[workspace]/settings/channels/actions";
import { GET as eventsRoute } from "@/app/api/widget/[publicId]/events/route";
import { GET as listRoute, POST as sendRoute } from "@/app/api/widget/[publicId]/messages/route";
import { POST as sessionRoute } from "@/app/api/widget/[publicId]/session/route";
import { POST as ticketRoute } from "@/app/api/widget/[publicId]/stream-ticket/route";
import { getDb } from "@/db/client";
import {
  contactIdentities,
  contacts,
  conversations,
  messages,
  rateLimitHits,
  realtimeEvents,
  teams,
  users,
} from "@/db/schema";
import { resolveWorkspaceContext } from "@/lib/auth/workspace-context";
import {
  IP_MESSAGE_LIMIT,
  IP_NEW_VISITOR_LIMIT,
  MESSAGE_WINDOW_MS,
  VISITOR_MESSAGE_LIMIT,
} from "@/lib/channels/widget/limits";
import { listVisitorMessages } from "@/lib/channels/widget/list-visitor-messages";
import { DEFAULT_GREETING } from "@/lib/channels/widget/schemas";
import { STREAM_TICKET_TTL_MS, signStreamTicket } from "@/lib/channels/widget/stream-ticket";
import type { WidgetMessage, WidgetSession } from "@/lib/channels/widget/types";
import {
  issueVisitor,
  signVisitorToken,
  VISITOR_TOKEN_MAX_AGE_MS,
  verifyVisitorToken,
} from "@/lib/channels/widget/visitor-token";
import { getWidgetSettings } from "@/lib/channels/widget/widget-settings";
import { sendMessage } from "@/lib/conversations/send-message";
import { viewerFor } from "@/lib/conversations/viewer";
import { AppError } from "@/lib/errors";
import { hitRateLimit } from "@/lib/rate-limit";
import { announcePresence } from "@/lib/realtime/announce-presence";
import { makeWorkspace } from "../support/factories";

type World = Awaited<ReturnType<typeof makeWorkspace>>;
let home: World;
let away: World;
let supportTeamId: string;

beforeAll(async () => {
  const db = await getDb();
  home = await makeWorkspace();
  away = await makeWorkspace();
  const [support] = await db
    .insert(teams)
    .values({ workspaceId: home.workspace.id, name: "Support" })
    .returning();
  if (!support) throw new Error("team insert returned nothing");
  supportTeamId = support.id;
  const saved = await updateWidgetAction.run(
    { userId: home.admin.id },
    { workspace: home.workspace.slug, teamId: support.id, greeting: "Hello from Support!" },
  );
  expect(saved).toEqual({
    ok: true,
    data: { teamId: support.id, greeting: "Hello from Support!" },
  });
});

/** A fresh address per caller, so one test's hits never count against another's. */
const freshIp = () => `10.${[...randomBytes(3)].join(".")}`;
const context = (publicId: string) => ({ params: Promise.resolve({ publicId }) });
const url = (publicId: string, path: string) =>
  `http://switchboard.test/api/widget/${publicId}/${path}`;

async function json<T>(response: Response): Promise<{ status: number; body: T }> {
  return { status: response.status, body: (await response.json()) as T };
}
type ErrorJson = { error: { code: string; message: string } };

async function openSession(publicId: string, token?: string) {
  const request = new Request(url(publicId, "session"), {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": freshIp() },
    body: JSON.stringify(token === undefined ? {} : { token }),
  });
  return json<WidgetSession & ErrorJson>(await sessionRoute(request, context(publicId)));
}

async function newVisitor(publicId = home.workspace.publicId) {
  const { status, body } = await openSession(publicId);
  expect(status).toBe(200);
  return body.token;
}

async function send(
  token: string,
  payload: Record<string, unknown>,
  { publicId = home.workspace.publicId, ip = freshIp() } = {},
) {
  const request = new Request(url(publicId, "messages"), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${token}`,
      "x-forwarded-for": ip,
    },
    body: JSON.stringify(payload),
  });
  return json<{ message: WidgetMessage } & ErrorJson>(await sendRoute(request, context(publicId)));
}

async function list(
  token: string | null,
  { publicId = home.workspace.publicId, after }: { publicId?: string; after?: string } = {},
) {
  const query = after ? `?after=${encodeURIComponent(after)}` : "";
  const request = new Request(`${url(publicId, "messages")}${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return json<{ messages: WidgetMessage[]; after: string | null } & ErrorJson>(
    await listRoute(request, context(publicId)),
  );
}

function visitorIdOf(token: string): string {
  const visitorId = verifyVisitorToken(token, home.workspace.publicId);
  if (!visitorId) throw new Error("token does not verify");
  return visitorId;
}

async function conversationOf(visitorId: string, workspaceId = home.workspace.id) {
  const db = await getDb();
  const rows = await db
    .select({ conversation: conversations })
    .from(contactIdentities)
    .innerJoin(conversations, eq(conversations.contactId, contactIdentities.contactId))
    .where(
      and(
        eq(contactIdentities.workspaceId, workspaceId),
        eq(contactIdentities.channel, "web_chat"),
        eq(contactIdentities.handle, visitorId),
      ),
    );
  return rows.map((row) => row.conversation);
}

async function adminViewer(world: World = home) {
  const db = await getDb();
  return viewerFor(
    await resolveWorkspaceContext(db, {
      userId: world.admin.id,
      slug: world.workspace.slug,
      permission: "conversations.view",
    }),
  );
}

describe("the visitor token", () => {
  it("is signed for one visitor, one workspace and its issue time", () => {
    const issuedAt = new Date("2026-11-24T10:00:00Z");
    const { visitorId, token } = issueVisitor("abc123", issuedAt);
    expect(visitorId.length).toBeGreaterThanOrEqual(22); // 16+ random bytes, base64url
    expect(token.split(".")).toHaveLength(4);
    expect(verifyVisitorToken(token, "abc123", issuedAt)).toBe(visitorId);
    expect(verifyVisitorToken(token, "other", issuedAt)).toBeNull();
    const [, , issued, signature] = token.split(".");
    const forged = [
      `${"A".repeat(24)}.abc123.${issued}.${signature}`,
      `${visitorId}.abc123.${issued}.${"x".repeat(43)}`,
      // Made younger: the signature covers the issue time.
      `${visitorId}.abc123.${(Number.parseInt(issued ?? "0", 36) + 86_400).toString(36)}.${signature}`,
      `${visitorId}.abc123.${signature}`, // the old three-part form
      "garbage",
    ];
    for (const bad of forged) expect(verifyVisitorToken(bad, "abc123", issuedAt)).toBeNull();
    expect(signVisitorToken({ visitorId, publicId: "abc123", issuedAt })).toBe(token);
  });

  it(`expires ${VISITOR_TOKEN_MAX_AGE_MS / 86_400_000} days after issue`, () => {
    const issuedAt = new Date("2026-01-01T00:00:00Z");
    const { visitorId, token } = issueVisitor("abc123", issuedAt);
    const day = 86_400_000;
    const later = (ms: number) => new Date(issuedAt.getTime() + ms);
    expect(verifyVisitorToken(token, "abc123", later(VISITOR_TOKEN_MAX_AGE_MS - day))).toBe(
      visitorId,
    );
    expect(verifyVisitorToken(token, "abc123", later(VISITOR_TOKEN_MAX_AGE_MS + day))).toBeNull();
    expect(verifyVisitorToken(token, "abc123", later(-day))).toBeNull(); // from the future
  });
});

describe("a widget session", () => {
  it("issues a token with the workspace's name and greeting, and keeps it for a returning visitor", async () => {
    const first = await openSession(home.workspace.publicId);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      workspaceName: home.workspace.name,
      greeting: "Hello from Support!",
      messages: [],
    });
    const token = first.body.token;
    expect(verifyVisitorToken(token, home.workspace.publicId)).not.toBeNull();

    expect((await send(token, { body: "Do you ship to Norway?" })).status).toBe(201);
    const again = await openSession(home.workspace.publicId, token);
    // The same visitor, with a renewed token (its age starts again on every visit).
    expect(verifyVisitorToken(again.body.token, home.workspace.publicId)).toBe(
      verifyVisitorToken(token, home.workspace.publicId),
    );
    expect(again.body.messages.map((message) => message.body)).toEqual(["Do you ship to Norway?"]);
    // A token past its age opens a new, empty chat rather than the old conversation.
    const visitorId = verifyVisitorToken(token, home.workspace.publicId) ?? "";
    const stale = signVisitorToken({
      visitorId,
      publicId: home.workspace.publicId,
      issuedAt: new Date(Date.now() - VISITOR_TOKEN_MAX_AGE_MS - 60_000),
    });
    const expired = await openSession(home.workspace.publicId, stale);
    expect(verifyVisitorToken(expired.body.token, home.workspace.publicId)).not.toBe(visitorId);
    expect(expired.body.messages).toEqual([]);
    expect((await list(stale)).status).toBe(401);

    // A forged or foreign token is not reused: the visitor starts over, seeing nothing.
    const forged = await openSession(home.workspace.publicId, `${token.slice(0, -2)}xx`);
    expect(forged.body.token).not.toBe(token);
    expect(forged.body.messages).toEqual([]);
    const foreign = await openSession(
      home.workspace.publicId,
      await newVisitor(away.workspace.publicId),
    );
    expect(foreign.body.messages).toEqual([]);
  });

  it("uses the default greeting until an Admin saves one, and answers 404 for an unknown widget", async () => {
    const db = await getDb();
    expect(await getWidgetSettings(db, away.workspace.id)).toEqual({
      teamId: null,
      greeting: DEFAULT_GREETING,
    });
    expect((await openSession(away.workspace.publicId)).body.greeting).toBe(DEFAULT_GREETING);
    const unknown = await openSession("no-such-widget");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    const listUnknown = await list(await newVisitor(), { publicId: "no-such-widget" });
    expect(listUnknown.status).toBe(404);
  });
});

describe("a visitor's message", () => {
  it("reaches the inbox at once, with the widget's team and the details given", async () => {
    const db = await getDb();
    const token = await newVisitor();
    const { status, body } = await send(token, {
      body: "  My order #1234 has not arrived.  ",
      name: "Robin Customer",
      email: "Robin@Example.TEST",
    });
    expect(status).toBe(201);
    expect(body.message).toMatchObject({
      from: "customer",
      body: "My order #1234 has not arrived.",
      authorName: null,
    });

    const [conversation, ...more] = await conversationOf(visitorIdOf(token));
    expect(more).toEqual([]);
    expect(conversation).toMatchObject({
      channel: "web_chat",
      status: "open",
      teamId: supportTeamId,
      lastMessagePreview: "My order #1234 has not arrived.",
    });
    if (!conversation) throw new Error("no conversation");
    const rows = await db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, conversation.id));
    expect(rows.map((row) => [row.kind, row.body])).toEqual([
      ["inbound", "My order #1234 has not arrived."],
    ]);
    const [contact] = await db
      .select()
      .from(contacts)
      .where(eq(contacts.id, conversation.contactId));
    expect(contact).toMatchObject({ name: "Robin Customer", email: "robin@example.test" });
  });

  it("refuses a 4,001-character message with a clear 422 and stores nothing", async () => {
    const token = await newVisitor();
    const { status, body } = await send(token, { body: "x".repeat(4_001) });
    expect(status).toBe(422);
    expect(body.error).toEqual({
      code: "validation",
      message: "Keep messages under 4,000 characters.",
      fields: { body: "Keep messages under 4,000 characters." },
    });
    expect(await conversationOf(visitorIdOf(token))).toEqual([]);

    // Exactly 4,000 is fine; empty, a bad email and a non-JSON body are refused clearly.
    expect((await send(token, { body: "y".repeat(4_000) })).status).toBe(201);
    const empty = await send(token, { body: "   " });
    expect([empty.status, empty.body.error.message]).toEqual([422, "Write a message first."]);
    const badEmail = await send(token, { body: "hi", email: "not-an-email" });
    expect(badEmail.status).toBe(422);
    expect(badEmail.body.error.message).toMatch(/valid email/);
    const raw = await sendRoute(
      new Request(url(home.workspace.publicId, "messages"), {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "x-forwarded-for": freshIp() },
        body: "{not json",
      }),
      context(home.workspace.publicId),
    );
    expect(raw.status).toBe(422);
    const huge = await send(token, { body: "z".repeat(40_000) });
    expect(huge.status).toBe(422);
  });

  it("stops reading a body sent without a length once it passes the limit", async () => {
    // A chunked body that never ends: read whole, it would fill the server's memory.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(16 * 1024).fill(32));
      },
    });
    const response = await sessionRoute(
      new Request(url(home.workspace.publicId, "session"), {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": freshIp() },
        body: endless,
        duplex: "half",
      } as RequestInit),
      context(home.workspace.publicId),
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorJson).error.message).toMatch(/too large/);
    expect(pulled).toBeLessThan(10);
  });

  it("answers a malformed widget id with 404 and an impossible time with 422, never 500", async () => {
    const token = await newVisitor();
    for (const publicId of ["\0", "x".repeat(200)]) {
      const { status, body } = await openSession(publicId);
      expect([status, body.error.code]).toEqual([404, "not_found"]);
    }
    for (const after of ["0000-01-01T00:00:00Z", "+010000-01-01T00:00:00Z"]) {
      const { status, body } = await list(token, { after });
      expect([status, body.error.code]).toEqual([422, "validation"]);
    }
  });
});

describe("rate limits", () => {
  it(`lets one visitor send ${VISITOR_MESSAGE_LIMIT} messages a minute, then answers 429`, async () => {
    const token = await newVisitor();
    const ip = freshIp();
    for (let i = 1; i <= VISITOR_MESSAGE_LIMIT; i++) {
      expect((await send(token, { body: `message ${i}` }, { ip })).status).toBe(201);
    }
    const refused = await send(token, { body: "one too many" }, { ip });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limited");
    expect(refused.body.error.message).toMatch(
      /^Too many messages\. Wait \d+ seconds? and try again\.$/,
    );
    // Another visitor is not held back by this one.
    expect((await send(await newVisitor(), { body: "hello" }, { ip: freshIp() })).status).toBe(201);
    const [conversation] = await conversationOf(visitorIdOf(token));
    if (!conversation) throw new Error("no conversation");
    const db = await getDb();
    const stored = await db
      .select({ body: messages.body })
      .from(messages)
      .where(eq(messages.conversationId, conversation.id));
    expect(stored).toHaveLength(VISITOR_MESSAGE_LIMIT);
  }, 60_000);

  it(`lets one IP address send ${IP_MESSAGE_LIMIT} messages a minute across visitors`, async () => {
    const ip = freshIp();
    const perVisitor = VISITOR_MESSAGE_LIMIT;
    let sent = 0;
    while (sent < IP_MESSAGE_LIMIT) {
      const token = await newVisitor();
      for (let i = 0; i < perVisitor && sent < IP_MESSAGE_LIMIT; i++, sent++) {
        expect((await send(token, { body: `from the office ${sent}` }, { ip })).status).toBe(201);
      }
    }
    const refused = await send(await newVisitor(), { body: "a new visitor, same address" }, { ip });
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/^Too many messages/);
    expect((await send(await newVisitor(), { body: "elsewhere" }, { ip: freshIp() })).status).toBe(
      201,
    );
  }, 120_000);

  it(`lets one address start ${IP_NEW_VISITOR_LIMIT} new chats per window; a returning visitor is not counted`, async () => {
    const ip = freshIp();
    const open = async (token?: string) => {
      const request = new Request(url(home.workspace.publicId, "session"), {
        method: "POST",
        // A client's own X-Forwarded-For entries come first; our proxy appends the address.
        headers: {
          "content-type": "application/json",
          "x-forwarded-for": `${freshIp()}, ${ip}`,
        },
        body: JSON.stringify(token === undefined ? {} : { token }),
      });
      return json<WidgetSession & ErrorJson>(
        await sessionRoute(request, context(home.workspace.publicId)),
      );
    };
    let kept = "";
    for (let i = 0; i < IP_NEW_VISITOR_LIMIT; i++) {
      const opened = await open();
      expect(opened.status).toBe(200);
      kept = opened.body.token;
    }
    const refused = await open();
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toMatch(/^Too many new chats/);
    expect((await open(kept)).status).toBe(200);
    expect((await openSession(home.workspace.publicId)).status).toBe(200);
  }, 60_000);

  it("opens again once the window has moved on, and a refused hit is not counted", async () => {
    const db = await getDb();
    const key = `test:${randomBytes(6).toString("hex")}`;
    const start = new Date("2030-01-01T00:00:00Z");
    const at = (ms: number) => new Date(start.getTime() + ms);
    for (let i = 0; i < 3; i++)
      await hitRateLimit(db, { key, limit: 3, windowMs: 60_000, now: at(i) });
    const refused = await hitRateLimit(db, {
      key,
      limit: 3,
      windowMs: 60_000,
      now: at(10_000),
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toBe("Too many requests. Wait 50 seconds and try again.");
    expect(await db.select().from(rateLimitHits).where(eq(rateLimitHits.key, key))).toHaveLength(3);
    await hitRateLimit(db, { key, limit: 3, windowMs: 60_000, now: at(MESSAGE_WINDOW_MS + 1) });
  });
});

describe("what the customer learns of the team", () => {
  it("sees a nameless member typing as the workspace, never their email address", async () => {
    const db = await getDb();
    const token = await newVisitor();
    expect((await send(token, { body: "Hello?" })).status).toBe(201);
    const [conversation] = await conversationOf(visitorIdOf(token));
    if (!conversation) throw new Error("no conversation");
    await db.update(users).set({ name: null }).where(eq(users.id, home.admin.id));
    try {
      const viewer = await adminViewer();
      await announcePresence(db, {
        viewer,
        memberName: home.admin.email, // what the route passes for a member without a name
        conversationId: conversation.id,
        viewing: true,
        typing: true,
      });
      const [typing] = await db
        .select({ payload: realtimeEvents.payload })
        .from(realtimeEvents)
        .where(
          and(
            eq(realtimeEvents.workspaceId, home.workspace.id),
            eq(realtimeEvents.type, "widget.typing"),
          ),
        )
        .orderBy(desc(realtimeEvents.id))
        .limit(1);
      expect(typing?.payload).toMatchObject({ name: home.workspace.name, typing: true });
      expect(JSON.stringify(typing?.payload)).not.toContain("@");
    } finally {
      await db.update(users).set({ name: "Test admin" }).where(eq(users.id, home.admin.id));
    }
  });
});

describe("who may read what", () => {
  it("answers 401 to a missing, forged or foreign token", async () => {
    const token = await newVisitor();
    expect((await send(token, { body: "mine" })).status).toBe(201);
    const visitorId = visitorIdOf(token);
    const [, publicId, issued, signature] = token.split(".");
    const forgedTokens = [
      `${visitorId}.${publicId}.${issued}.${"A".repeat(43)}`,
      `${issueVisitor(home.workspace.publicId).visitorId}.${publicId}.${issued}.${signature}`,
      "not-a-token",
    ];
    const foreignToken = await newVisitor(away.workspace.publicId);
    for (const bad of [...forgedTokens, foreignToken]) {
      const read = await list(bad);
      expect(read.status, bad).toBe(401);
      expect(read.body.error.code).toBe("unauthenticated");
      expect(JSON.stringify(read.body)).not.toContain("mine");
      expect((await send(bad, { body: "sneaky" })).status).toBe(401);
    }
    const anonymous = await list(null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.message).toMatch(/session/);
    // Another workspace's token with the right workspace's id still fails the signature.
    const moved = foreignToken.replace(away.workspace.publicId, home.workspace.publicId);
    expect((await list(moved)).status).toBe(401);
  });

  it("never shows visitor B what visitor A wrote", async () => {
    const a = await newVisitor();
    const b = await newVisitor();
    expect((await send(a, { body: "A's private question about invoice 77" })).status).toBe(201);
    const before = await list(b);
    expect(before.status).toBe(200);
    expect(before.body.messages).toEqual([]);
    expect((await send(b, { body: "B says hi" })).status).toBe(201);
    const after = await list(b);
    expect(after.body.messages.map((message) => message.body)).toEqual(["B says hi"]);
    expect(JSON.stringify(after.body)).not.toContain("invoice 77");
    expect((await list(a)).body.messages.map((message) => message.body)).toEqual([
      "A's private question about invoice 77",
    ]);
  });

  it("shows replies with the author's name, and never notes or system lines", async () => {
    const db = await getDb();
    const token = await newVisitor();
    const first = await send(token, { body: "Is anyone there?" });
    expect(first.status).toBe(201);
    const [conversation] = await conversationOf(visitorIdOf(token));
    if (!conversation) throw new Error("no conversation");
    const viewer = await adminViewer();
    const at = (seconds: number) =>
      new Date(Date.parse(first.body.message.createdAt) + seconds * 1000);
    await sendMessage(db, {
      viewer,
      conversationId: conversation.id,
      body: "Internal: this customer is a VIP",
      note: true,
      now: at(1),
    });
    await db.insert(messages).values({
      workspaceId: home.workspace.id,
      conversationId: conversation.id,
      kind: "system",
      body: "System: routed to Support",
      createdAt: at(2),
    });
    await sendMessage(db, {
      viewer,
      conversationId: conversation.id,
      body: "Yes, how can I help?",
      note: false,
      now: at(3),
    });
    const { body } = await list(token);
    expect(
      body.messages.map((message) => [message.from, message.body, message.authorName]),
    ).toEqual([
      ["customer", "Is anyone there?", null],
      ["team", "Yes, how can I help?", home.admin.name],
    ]);
    expect(JSON.stringify(body)).not.toMatch(/VIP|System:/);
    expect(JSON.stringify(body)).not.toContain(home.admin.email);
  });

  it("returns only newer messages after a cursor, for polling", async () => {
    const db = await getDb();
    const token = await newVisitor();
    const first = await send(token, { body: "first" });
    const initial = await list(token);
    expect(initial.body.messages.map((message) => message.body)).toEqual(["first"]);
    const cursor = initial.body.after;
    expect(cursor).toBe(first.body.message.createdAt);
    if (!cursor) throw new Error("no cursor");

    const idle = await list(token, { after: cursor });
    expect(idle.body).toEqual({ messages: [], after: cursor });

    const [conversation] = await conversationOf(visitorIdOf(token));
    if (!conversation) throw new Error("no conversation");
    await sendMessage(db, {
      viewer: await adminViewer(),
      conversationId: conversation.id,
      body: "a reply",
      note: false,
      now: new Date(Date.parse(cursor) + 1_000),
    });
    const fresh = await list(token, { after: cursor });
    expect(fresh.body.messages.map((message) => message.body)).toEqual(["a reply"]);
    expect(fresh.body.after).toBe(fresh.body.messages[0]?.createdAt);

    const bad = await list(token, { after: "yesterday" });
    expect(bad.status).toBe(422);

    // The lib speaks the same language as the route.
    const direct = await listVisitorMessages(db, {
      workspaceId: home.workspace.id,
      workspaceName: home.workspace.name,
      visitorId: visitorIdOf(token),
      after: new Date(cursor),
    });
    expect(direct.messages.map((message) => message.body)).toEqual(["a reply"]);
  });
});

describe("Settings → Channels", () => {
  it("lets an Admin pick a team of the workspace only, and validates the greeting", async () => {
    const db = await getDb();
    const [foreignTeam] = await db
      .insert(teams)
      .values({ workspaceId: away.workspace.id, name: "Away" })
      .returning();
    if (!foreignTeam) throw new Error("team insert returned nothing");
    const actor = { userId: home.admin.id };
    const foreign = await updateWidgetAction.run(actor, {
      workspace: home.workspace.slug,
      teamId: foreignTeam.id,
      greeting: "Hi",
    });
    expect(foreign).toMatchObject({ ok: false, error: { code: "not_found" } });
    const blank = await updateWidgetAction.run(actor, {
      workspace: home.workspace.slug,
      teamId: null,
      greeting: "   ",
    });
    expect(blank).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { greeting: "Write a greeting." } },
    });
    expect(await getWidgetSettings(db, home.workspace.id)).toEqual({
      teamId: supportTeamId,
      greeting: "Hello from Support!",
    });
  });
});

describe("the visitor's live stream", () => {
  const publicId = () => home.workspace.publicId;
  const askTicket = async (token: string | null, on = publicId()) =>
    json<{ ticket: string; expiresAt: string } & ErrorJson>(
      await ticketRoute(
        new Request(url(on, "stream-ticket"), {
          method: "POST",
          headers: token ? { authorization: `Bearer ${token}` } : {},
        }),
        context(on),
      ),
    );
  /** Opens the stream with `query`; its status and content type, then closes it. */
  const openStream = async (query: string) => {
    const controller = new AbortController();
    const response = await eventsRoute(
      new Request(url(publicId(), `events?${query}`), { signal: controller.signal }),
      context(publicId()),
    );
    const opened = { status: response.status, type: response.headers.get("content-type") };
    controller.abort();
    await response.body?.cancel().catch(() => undefined);
    return opened;
  };

  it("opens with a short-lived ticket traded for the token; the token never goes in the URL", async () => {
    const token = await newVisitor();
    const visitorId = verifyVisitorToken(token, publicId()) ?? "";
    const { status, body } = await askTicket(token);
    expect(status).toBe(200);
    expect(body.ticket).not.toBe(token);
    const lifetime = new Date(body.expiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(STREAM_TICKET_TTL_MS - 5_000);
    expect(lifetime).toBeLessThanOrEqual(STREAM_TICKET_TTL_MS + 1_000);
    expect(await openStream(`ticket=${encodeURIComponent(body.ticket)}`)).toEqual({
      status: 200,
      type: "text/event-stream; charset=utf-8",
    });

    // Before, the stream took the visitor token itself in its URL: now refused, both ways.
    expect((await openStream(`token=${encodeURIComponent(token)}`)).status).toBe(401);
    expect((await openStream(`ticket=${encodeURIComponent(token)}`)).status).toBe(401);
    const expired = signStreamTicket({
      visitorId,
      publicId: publicId(),
      now: new Date(Date.now() - STREAM_TICKET_TTL_MS - 1_000),
    });
    expect((await openStream(`ticket=${encodeURIComponent(expired.ticket)}`)).status).toBe(401);
    const foreign = signStreamTicket({ visitorId, publicId: away.workspace.publicId });
    expect((await openStream(`ticket=${encodeURIComponent(foreign.ticket)}`)).status).toBe(401);
  });

  it("gives no ticket without a valid visitor token of this workspace", async () => {
    expect((await askTicket(null)).status).toBe(401);
    expect((await askTicket(`${await newVisitor()}x`)).status).toBe(401);
    const awayToken = await newVisitor(away.workspace.publicId);
    expect((await askTicket(awayToken)).status).toBe(401);
  });
});
