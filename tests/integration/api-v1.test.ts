import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as messagesRoute from "@/app/api/v1/conversations/[id]/messages/route";
import * as conversationRoute from "@/app/api/v1/conversations/[id]/route";
import * as conversationsRoute from "@/app/api/v1/conversations/route";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import { getDb } from "@/db/client";
import { apiKeys, contactIdentities, conversations, messages } from "@/db/schema";
import type { ApiCreatedConversation, ApiPostedMessage } from "@/lib/api/v1/schemas";
import { hashApiKey } from "@/lib/api-keys/api-key-token";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { makeWorkspace, rawRows } from "../support/factories";

/**
 * The inbound API through its real route handlers (called as Next calls them) against a real
 * database: keys, the door, each endpoint, workspace isolation and the OpenAPI document.
 */

const noParams = { params: Promise.resolve({}) };
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

function request(
  path: string,
  { key, method = "GET", body }: { key?: string; method?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  return new Request(`http://test${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function json(response: Response): Promise<Record<string, unknown>> {
  const body: unknown = await response.json();
  if (typeof body !== "object" || body === null) throw new Error("body is not an object");
  return body as Record<string, unknown>;
}

type Created = ApiCreatedConversation;

async function setup() {
  const db = await getDb();
  const home = await makeWorkspace();
  const away = await makeWorkspace();
  const { key, apiKey } = await createApiKey(db, {
    workspaceId: home.workspace.id,
    createdById: null,
    name: "Bridge",
  });
  const { key: awayKey } = await createApiKey(db, {
    workspaceId: away.workspace.id,
    createdById: null,
    name: "Away bridge",
  });
  const { conversation: awayConversation } = await receiveInboundMessage(db, {
    workspaceId: away.workspace.id,
    channel: "api",
    handle: "away-customer",
    contact: { name: "Away Customer" },
    body: "A secret from elsewhere",
  });
  return { db, home, away, key, apiKey, awayKey, awayConversation };
}

let world: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  world = await setup();
});

const create = (key: string | undefined, body: unknown) =>
  conversationsRoute.POST(
    request("/api/v1/conversations", { key, method: "POST", body }),
    noParams,
  );

describe("API keys", () => {
  it("are stored hashed: the raw key is in no column, and shown only at creation", async () => {
    const { db, key, apiKey } = world;
    expect(key).toMatch(/^sb_live_[A-Za-z0-9_-]{43}$/);
    expect(apiKey.prefix).toBe(key.slice(0, 12));
    const rows = await rawRows<{ t: string }>(sql`select t::text as t from api_keys t`);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row.t).not.toContain(key);
    const [stored] = await db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(stored?.keyHash).toBe(hashApiKey(key));
    expect(stored?.keyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("record when they were last used, at most once a minute", async () => {
    const { db, home } = world;
    const { key, apiKey } = await createApiKey(db, {
      workspaceId: home.workspace.id,
      createdById: null,
      name: "Clock",
    });
    const lastUsed = async () =>
      (await listApiKeys(db, home.workspace.id)).find((row) => row.id === apiKey.id)?.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const t0 = new Date("2030-01-01T10:00:00Z");
    await authenticateApiKey(db, `Bearer ${key}`, t0);
    expect((await lastUsed())?.getTime()).toBe(t0.getTime());
    await authenticateApiKey(db, `Bearer ${key}`, new Date(t0.getTime() + 30_000));
    expect((await lastUsed())?.getTime()).toBe(t0.getTime());
    const t2 = new Date(t0.getTime() + 61_000);
    await authenticateApiKey(db, `Bearer ${key}`, t2);
    expect((await lastUsed())?.getTime()).toBe(t2.getTime());
  });
});

describe("the API door", () => {
  it("answers 401 with a JSON error without a key, with a bad key and with a malformed header", async () => {
    const { home } = world;
    for (const key of [undefined, "sb_live_not-a-real-key", "nonsense"]) {
      const response = await create(key, { handle: "h", body: "hi" });
      expect(response.status, String(key)).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe("Bearer");
      const body = await json(response);
      expect(body).toMatchObject({ error: { code: "unauthenticated" } });
      expect(JSON.stringify(body)).toContain("Authorization: Bearer");
    }
    const basic = await conversationsRoute.GET(
      new Request("http://test/api/v1/conversations", {
        headers: { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` },
      }),
      noParams,
    );
    expect(basic.status).toBe(401);
    // Nothing was written for any of them.
    const rows = await world.db
      .select()
      .from(contactIdentities)
      .where(
        and(
          eq(contactIdentities.workspaceId, home.workspace.id),
          eq(contactIdentities.handle, "h"),
        ),
      );
    expect(rows).toEqual([]);
  });
});

describe("POST /api/v1/conversations", () => {
  it("starts a conversation (201), then continues it for the same channel and handle", async () => {
    const { key } = world;
    const first = await create(key, {
      handle: "telegram:1001",
      contact: { name: "Ada Lovelace", email: "ADA@example.test" },
      body: "My order is late",
      subject: "Order 42",
    });
    expect(first.status).toBe(201);
    const started = (await first.json()) as Created;
    expect(started.started).toBe(true);
    expect(started.conversation).toMatchObject({
      channel: "api",
      status: "open",
      subject: "Order 42",
      contact: {
        name: "Ada Lovelace",
        email: "ada@example.test",
        identities: [{ channel: "api", handle: "telegram:1001" }],
      },
      messages: [{ kind: "inbound", body: "My order is late" }],
    });

    const again = await create(key, { handle: "telegram:1001", body: "Any news?" });
    expect(again.status).toBe(201);
    const continued = (await again.json()) as Created;
    expect(continued.started).toBe(false);
    expect(continued.conversation.id).toBe(started.conversation.id);
    expect(continued.conversation.messages.map((m) => m.body)).toEqual([
      "My order is late",
      "Any news?",
    ]);
  });

  it("refuses what does not validate with 422 and the field", async () => {
    const { key } = world;
    const tooLong = await create(key, { handle: "long", body: "x".repeat(4001) });
    expect(tooLong.status).toBe(422);
    expect(await json(tooLong)).toMatchObject({
      error: { code: "validation", fields: { body: expect.any(String) } },
    });
    const exact = await create(key, { handle: "exact", body: "x".repeat(4000) });
    expect(exact.status).toBe(201);
    const noHandle = await create(key, { body: "hi" });
    expect(noHandle.status).toBe(422);
    expect(await json(noHandle)).toMatchObject({
      error: { fields: { handle: expect.any(String) } },
    });
    const badChannel = await create(key, { channel: "fax", handle: "h", body: "hi" });
    expect(badChannel.status).toBe(422);
    const notJson = await create(key, "{not json");
    expect(notJson.status).toBe(422);
    expect(await json(notJson)).toMatchObject({ error: { code: "validation" } });
    // PostgreSQL refuses U+0000 in text: a 422 naming the field, and nothing is written.
    const nul = await create(key, { handle: "nul-handle", body: "a\u0000b" });
    expect(nul.status).toBe(422);
    expect(await json(nul)).toMatchObject({
      error: { code: "validation", fields: { body: expect.stringContaining("NUL") } },
    });
    const longEmail = await create(key, {
      handle: "long-email",
      body: "hi",
      contact: { email: `${"a".repeat(250)}@example.test` },
    });
    expect(longEmail.status).toBe(422);
    expect(await json(longEmail)).toMatchObject({
      error: { message: expect.stringContaining("254 characters") },
    });
    const huge = await create(key, { handle: "huge", body: "hi", padding: "x".repeat(70_000) });
    expect(huge.status).toBe(422);
    expect(await json(huge)).toMatchObject({
      error: { message: expect.stringContaining("64 KB") },
    });
    const written = await rawRows<{ n: number }>(
      sql`select count(*)::int as n from contact_identities where handle in ('nul-handle', 'huge')`,
    );
    expect(written[0]?.n).toBe(0);
  });
});

describe("an unknown /api/v1 path", () => {
  it("answers JSON 404 naming the OpenAPI document, for any method", async () => {
    const unknown = await import("@/app/api/v1/[...path]/route");
    for (const [method, handler] of [
      ["GET", unknown.GET],
      ["POST", unknown.POST],
      ["DELETE", unknown.DELETE],
    ] as const) {
      const response = await handler(request("/api/v1/nope", { method }));
      expect(response.status).toBe(404);
      expect(await json(response)).toEqual({
        error: {
          code: "not_found",
          message: `There is no ${method} /api/v1/nope. The endpoints are listed at /api/v1/openapi.json.`,
        },
      });
    }
  });
});

describe("Idempotency-Key", () => {
  const withKey = (req: Request, idempotencyKey: string) => {
    req.headers.set("idempotency-key", idempotencyKey);
    return req;
  };
  const createOnce = (key: string, idempotencyKey: string, body: unknown) =>
    conversationsRoute.POST(
      withKey(request("/api/v1/conversations", { key, method: "POST", body }), idempotencyKey),
      noParams,
    );
  const inboundCount = async (handle: string) =>
    (
      await rawRows<{ n: number }>(
        sql`select count(*)::int as n from messages m
          join conversations c on c.id = m.conversation_id
          join contact_identities i on i.contact_id = c.contact_id
          where i.handle = ${handle} and m.kind = 'inbound'`,
      )
    )[0]?.n;

  it("makes a retried POST return the first message instead of writing another", async () => {
    const { key } = world;
    const retryKey = `retry-${randomUUID()}`;
    const payload = { handle: "bridge-retry", body: "My order is late" };
    const first = await createOnce(key, retryKey, payload);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const original = (await first.json()) as Created;

    // The bridge timed out and sends the same request again, five times over (after the
    // first committed; a retry racing the first waits on the key's lock, not tested here).
    const retries = await Promise.all(
      Array.from({ length: 5 }, () => createOnce(key, retryKey, payload)),
    );
    for (const retry of retries) {
      expect(retry.status).toBe(201);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      const again = (await retry.json()) as Created;
      expect(again.message.id).toBe(original.message.id);
      expect(again.conversation.id).toBe(original.conversation.id);
      // The same answer as the first time: it started the conversation.
      expect([again.started, again.reopened]).toEqual([original.started, original.reopened]);
    }
    expect(original.started).toBe(true);
    expect(await inboundCount("bridge-retry")).toBe(1);
    // Another customer's message under the same key (a bridge whose ids repeat per chat) is
    // refused, never answered with the first customer's conversation.
    const otherCustomer = await createOnce(key, retryKey, { ...payload, handle: "bridge-b" });
    expect(otherCustomer.status).toBe(422);
    expect(await inboundCount("bridge-b")).toBe(0);

    // The same key for another message is the client's mistake: refused, nothing written.
    const misuse = await createOnce(key, retryKey, { ...payload, body: "Something else" });
    expect(misuse.status).toBe(422);
    expect(await json(misuse)).toMatchObject({
      error: { code: "validation", fields: { idempotencyKey: expect.any(String) } },
    });
    // Into a conversation: the same rules, and a key used in another conversation is refused.
    const id = original.conversation.id;
    const post = (idempotencyKey: string, body: string) =>
      messagesRoute.POST(
        withKey(
          request(`/api/v1/conversations/${id}/messages`, { key, method: "POST", body: { body } }),
          idempotencyKey,
        ),
        withId(id),
      );
    const followUp = `follow-${randomUUID()}`;
    expect((await post(followUp, "Any news?")).headers.get("idempotent-replayed")).toBeNull();
    const replay = await post(followUp, "Any news?");
    expect([replay.status, replay.headers.get("idempotent-replayed")]).toEqual([201, "true"]);
    expect(await inboundCount("bridge-retry")).toBe(2);
    const other = await createOnce(key, `other-${randomUUID()}`, {
      handle: "bridge-other",
      body: "Any news?",
    });
    expect(other.status).toBe(201);
    const cross = await post(followUp, "Any news?");
    expect(cross.status).toBe(201);
    const elsewhere = (await other.json()) as Created;
    const crossed = await messagesRoute.POST(
      withKey(
        request(`/api/v1/conversations/${elsewhere.conversation.id}/messages`, {
          key,
          method: "POST",
          body: { body: "Any news?" },
        }),
        followUp,
      ),
      withId(elsewhere.conversation.id),
    );
    expect(crossed.status).toBe(422);

    // Keys are per workspace, and a bad key is a clear 422.
    const away = await createOnce(world.awayKey, retryKey, payload);
    expect([away.status, away.headers.get("idempotent-replayed")]).toEqual([201, null]);
    const spaced = await createOnce(key, "has spaces", payload);
    expect(spaced.status).toBe(422);
  });
});

describe("POST /api/v1/conversations/:id/messages", () => {
  it("adds an inbound message to the conversation (201), reopening it when closed", async () => {
    const { db, key } = world;
    const created = (await (
      await create(key, { channel: "whatsapp", handle: "+15550001", body: "Hello" })
    ).json()) as Created;
    const id = created.conversation.id;
    await db.update(conversations).set({ status: "closed" }).where(eq(conversations.id, id));

    const response = await messagesRoute.POST(
      request(`/api/v1/conversations/${id}/messages`, {
        key,
        method: "POST",
        body: { body: "Still there?" },
      }),
      withId(id),
    );
    expect(response.status).toBe(201);
    const posted = (await response.json()) as ApiPostedMessage;
    expect(posted.reopened).toBe(true);
    expect(posted.conversation.id).toBe(id);

    const thread = await conversationRoute.GET(
      request(`/api/v1/conversations/${id}`, { key }),
      withId(id),
    );
    expect(thread.status).toBe(200);
    const detail = await json(thread);
    expect(detail).toMatchObject({
      id,
      status: "open",
      channel: "whatsapp",
      contact: { phone: "+15550001" },
      messages: [
        { kind: "inbound", body: "Hello" },
        { kind: "inbound", body: "Still there?", id: posted.message.id },
      ],
    });
  });

  it("answers 404 for another workspace's conversation and a malformed id, 422 for a bad body", async () => {
    const { key, awayConversation, db } = world;
    for (const id of [awayConversation.id, "not-a-uuid"]) {
      const response = await messagesRoute.POST(
        request(`/api/v1/conversations/${id}/messages`, {
          key,
          method: "POST",
          body: { body: "Hijack" },
        }),
        withId(id),
      );
      expect(response.status, id).toBe(404);
      expect(await json(response)).toMatchObject({ error: { code: "not_found" } });
    }
    const [away] = await db
      .select()
      .from(conversations)
      .where(eq(conversations.id, awayConversation.id));
    expect(away?.lastMessagePreview).toBe("A secret from elsewhere");

    const created = (await (await create(key, { handle: "empty", body: "hi" })).json()) as Created;
    const empty = await messagesRoute.POST(
      request(`/api/v1/conversations/${created.conversation.id}/messages`, {
        key,
        method: "POST",
        body: { body: "   " },
      }),
      withId(created.conversation.id),
    );
    expect(empty.status).toBe(422);
  });
});

describe("GET /api/v1/conversations and /:id", () => {
  it("filters by status, channel and search, and pages with a cursor returning each once", async () => {
    const { db } = world;
    const { workspace } = await makeWorkspace();
    const { key } = await createApiKey(db, {
      workspaceId: workspace.id,
      createdById: null,
      name: "Lister",
    });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const response = await create(key, {
        handle: `list-${i}`,
        body: i === 3 ? "The zeppelin arrived broken" : `Message number ${i}`,
      });
      ids.push(((await response.json()) as Created).conversation.id);
    }
    const { conversation: chat } = await receiveInboundMessage(db, {
      workspaceId: workspace.id,
      channel: "web_chat",
      handle: "visitor-1",
      body: "From the widget",
    });
    const closedId = ids[6] ?? "";
    await db.update(conversations).set({ status: "closed" }).where(eq(conversations.id, closedId));

    const list = async (query: string) => {
      const response = await conversationsRoute.GET(
        request(`/api/v1/conversations${query}`, { key }),
        noParams,
      );
      expect(response.status, query).toBe(200);
      return (await response.json()) as {
        items: { id: string; channel: string; status: string }[];
        nextCursor: string | null;
      };
    };

    // Cursor pagination over more items than the limit: each open conversation exactly once.
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual([...ids.slice(0, 6), chat.id].sort());
    // A cursor the list did not give out (edited: a non-uuid id, a time past any date) is a
    // 422 saying to start again, not a query PostgreSQL rejects.
    for (const forged of [
      [0, "-".repeat(36)],
      [1e300, "6f1c3a52-1b0e-4c1e-9d7a-2f5a3c9e8b10"],
      "not base64 json",
    ]) {
      const cursorText = Buffer.from(JSON.stringify(forged)).toString("base64url");
      const response = await conversationsRoute.GET(
        request(`/api/v1/conversations?cursor=${cursorText}`, { key }),
        noParams,
      );
      expect(response.status).toBe(422);
      expect(await json(response)).toMatchObject({
        error: { fields: { cursor: expect.any(String) } },
      });
    }

    const apiOnly = await list("?channel=api");
    expect(apiOnly.items.map((item) => item.id).sort()).toEqual(ids.slice(0, 6).sort());
    const closed = await list("?status=closed");
    expect(closed.items.map((item) => item.id)).toEqual([closedId]);
    expect(closed.items[0]?.status).toBe("closed");
    const searched = await list("?q=zeppelin");
    expect(searched.items.map((item) => item.id)).toEqual([ids[3]]);

    // No member behind a key, so no "mine" view.
    const mine = await conversationsRoute.GET(
      request("/api/v1/conversations?view=mine", { key }),
      noParams,
    );
    expect(mine.status).toBe(422);
    expect(await json(mine)).toMatchObject({
      error: { code: "validation", fields: { view: expect.any(String) } },
    });
    const badLimit = await conversationsRoute.GET(
      request("/api/v1/conversations?limit=1000", { key }),
      noParams,
    );
    expect(badLimit.status).toBe(422);
  });

  it("never lists or shows another workspace's conversations", async () => {
    const { key, awayKey, awayConversation } = world;
    const response = await conversationRoute.GET(
      request(`/api/v1/conversations/${awayConversation.id}`, { key }),
      withId(awayConversation.id),
    );
    expect(response.status).toBe(404);
    const body = JSON.stringify(await response.json());
    expect(body).not.toContain("secret");
    expect(body).not.toContain("Away Customer");

    const own = await conversationRoute.GET(
      request(`/api/v1/conversations/${awayConversation.id}`, { key: awayKey }),
      withId(awayConversation.id),
    );
    expect(own.status).toBe(200);

    const page = await conversationsRoute.GET(
      request("/api/v1/conversations?limit=100", { key }),
      noParams,
    );
    const items = ((await page.json()) as { items: { id: string }[] }).items;
    expect(items.map((item) => item.id)).not.toContain(awayConversation.id);
  });

  it("shows internal notes as kind 'note' to the trusted integration", async () => {
    const { db, key, home } = world;
    const created = (await (await create(key, { handle: "noted", body: "Hi" })).json()) as Created;
    await db.insert(messages).values({
      workspaceId: home.workspace.id,
      conversationId: created.conversation.id,
      kind: "note",
      body: "VIP customer",
    });
    const response = await conversationRoute.GET(
      request(`/api/v1/conversations/${created.conversation.id}`, { key }),
      withId(created.conversation.id),
    );
    expect(await json(response)).toMatchObject({
      messages: [{ kind: "inbound" }, { kind: "note", body: "VIP customer" }],
    });
  });
});

describe("revoking a key", () => {
  it("refuses its next request with 401; another workspace cannot revoke it", async () => {
    const { db, home, away } = world;
    const { key, apiKey } = await createApiKey(db, {
      workspaceId: home.workspace.id,
      createdById: null,
      name: "Short-lived",
    });
    expect((await create(key, { handle: "before-revoke", body: "hi" })).status).toBe(201);

    await expect(
      revokeApiKey(db, { workspaceId: away.workspace.id, apiKeyId: apiKey.id }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await create(key, { handle: "before-revoke", body: "still" })).status).toBe(201);

    await revokeApiKey(db, { workspaceId: home.workspace.id, apiKeyId: apiKey.id });
    const after = await create(key, { handle: "before-revoke", body: "after" });
    expect(after.status).toBe(401);
    expect(await json(after)).toEqual({
      error: { code: "unauthenticated", message: "This API key was revoked." },
    });
    expect((await listApiKeys(db, home.workspace.id)).map((row) => row.id)).not.toContain(
      apiKey.id,
    );
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document built from the request schemas", async () => {
    const response = await openApiRoute.GET();
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, Record<string, unknown>>>;
      components: {
        schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }>;
        securitySchemes: Record<string, unknown>;
      };
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/v1/conversations",
      "/api/v1/conversations/{id}",
      "/api/v1/conversations/{id}/assignment",
      "/api/v1/conversations/{id}/messages",
    ]);
    expect(doc.paths["/api/v1/conversations"]?.post?.requestBody).toEqual({
      required: true,
      content: {
        "application/json": { schema: { $ref: "#/components/schemas/CreateConversation" } },
      },
    });
    const createBody = doc.components.schemas.CreateConversation;
    expect(createBody?.required?.sort()).toEqual(["body", "handle"]);
    expect(createBody?.properties?.body).toMatchObject({ type: "string", maxLength: 4000 });
    expect(createBody?.properties?.channel).toMatchObject({
      default: "api",
      enum: ["api", "whatsapp", "web_chat"],
    });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const responses = Object.keys(operation.responses as object);
        expect(responses, `${method} ${path}`).toContain("401");
        // Posting a message creates it (201); posting an assignment changes one (200).
        const created = method === "post" && !path.endsWith("/assignment");
        expect(responses, `${method} ${path}`).toContain(created ? "201" : "200");
        if (path.includes("{id}")) expect(responses, `${method} ${path}`).toContain("404");
      }
    }
    const listParameters = doc.paths["/api/v1/conversations"]?.get?.parameters as {
      name: string;
      in: string;
    }[];
    expect(listParameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(["status", "channel", "q", "cursor", "limit", "view"]),
    );
    expect(JSON.stringify(listParameters)).not.toContain('"mine"');
    // Every $ref points at a schema the document defines.
    for (const match of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)) {
      expect(doc.components.schemas, match[1]).toHaveProperty(match[1] ?? "");
    }
  });
});
