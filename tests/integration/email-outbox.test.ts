import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { createElement } from "react";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { emailOutbox, type OutboxEmail } from "@/db/schema/email";
import { MagicLinkEmail, magicLinkSubject } from "@/emails/magic-link";
import { MAGIC_LINK_LIMIT } from "@/lib/auth/magic-link-limit";
import { deliverPendingEmails } from "@/lib/email/deliver-pending-emails";
import { listDevMailbox } from "@/lib/email/dev-mailbox";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { extractLinks } from "@/lib/email/extract-links";
import { EmailDeliveryError, sendMagicLinkEmail } from "@/lib/email/send-magic-link-email";
import { AppError } from "@/lib/errors";
import { type ResendStandIn, startResendStandIn } from "../support/resend-stand-in";

const envKeys = ["RESEND_API_KEY", "RESEND_BASE_URL", "EMAIL_FROM"] as const;
const savedEnv = Object.fromEntries(envKeys.map((key) => [key, process.env[key]]));
let standIn: ResendStandIn;

beforeAll(async () => {
  standIn = await startResendStandIn();
});

beforeEach(() => {
  process.env.RESEND_API_KEY = standIn.apiKey;
  process.env.RESEND_BASE_URL = standIn.url;
  delete process.env.EMAIL_FROM;
});

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(async () => {
  for (const key of envKeys) {
    const value = savedEnv[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await standIn.close();
});

// Other test files share the database, so every address is new and every delivery call is
// limited to this file's rows.
function randomEmail(): string {
  return `person-${randomUUID()}@example.test`;
}

function magicLinkUrl(to: string): string {
  const token = randomUUID().replaceAll("-", "");
  return `http://localhost:3000/api/auth/callback/email?callbackUrl=%2Finbox&token=${token}&email=${encodeURIComponent(to)}`;
}

function magicLink(to: string) {
  const url = magicLinkUrl(to);
  const react = createElement(MagicLinkEmail, {
    url,
    expires: new Date(Date.now() + 60 * 60_000),
  });
  return { url, input: { to, subject: magicLinkSubject, template: "magic-link", react } };
}

async function enqueueMagicLink(to = randomEmail()) {
  const db = await getDb();
  const { url, input } = magicLink(to);
  const id = await db.transaction((tx) => enqueueEmail(tx, input));
  return { id, to, url };
}

async function outboxRow(id: string): Promise<OutboxEmail> {
  const db = await getDb();
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  if (!row) throw new Error(`no outbox row ${id}`);
  return row;
}

const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
const nothing = { sent: 0, retried: 0, failed: 0 };

describe("email outbox delivery through Resend", () => {
  it("retries a 500 and a 429 with the same idempotency key and sends exactly once", async () => {
    const { id, to, url } = await enqueueMagicLink();
    standIn.failNext(500, 429);
    const backoff = (attempt: number) => attempt * 60_000;
    const start = new Date();

    expect(await deliverPendingEmails({ ids: [id], now: start, backoff })).toEqual({
      ...nothing,
      retried: 1,
    });
    const afterFirst = await outboxRow(id);
    expect(afterFirst).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null });
    expect(afterFirst.nextAttemptAt).toEqual(later(start, 60_000));
    expect(afterFirst.lastError).toContain("500");

    // Not due before the backoff has passed.
    expect(await deliverPendingEmails({ ids: [id], now: later(start, 59_000), backoff })).toEqual(
      nothing,
    );

    const second = later(start, 60_000);
    expect(await deliverPendingEmails({ ids: [id], now: second, backoff })).toEqual({
      ...nothing,
      retried: 1,
    });
    const afterSecond = await outboxRow(id);
    expect(afterSecond).toMatchObject({ status: "pending", attempts: 2 });
    // retry-after: 1 wins over the 2-minute backoff.
    expect(afterSecond.nextAttemptAt).toEqual(later(second, 1_000));
    expect(afterSecond.lastError).toContain("rate_limit_exceeded");

    const third = later(second, 1_000);
    expect(await deliverPendingEmails({ ids: [id], now: third, backoff })).toEqual({
      ...nothing,
      sent: 1,
    });

    const requests = standIn.requestsWithKey(id);
    expect(requests.map((request) => request.status)).toEqual([500, 429, 200]);
    for (const request of requests) {
      expect(request.method).toBe("POST");
      expect(request.path).toBe("/emails");
      expect(request.authorization).toBe(`Bearer ${standIn.apiKey}`);
      expect(request.contentType).toContain("application/json");
      expect(request.body).toMatchObject({
        from: "Switchboard <onboarding@resend.dev>",
        to: [to],
        subject: "Sign in to Switchboard",
        tags: [{ name: "template", value: "magic-link" }],
      });
    }
    const accepted = standIn.accepted.filter((email) => email.idempotencyKey === id);
    expect(accepted).toHaveLength(1);
    const payload = accepted[0]?.payload ?? {};
    expect(extractLinks(String(payload.html))).toEqual([url]);
    expect(String(payload.text)).toContain(url);
    expect(String(payload.text)).toContain("expires in 1 hour");

    const sent = await outboxRow(id);
    expect(sent).toMatchObject({
      status: "sent",
      transport: "resend",
      attempts: 3,
      providerMessageId: accepted[0]?.id,
      lockedUntil: null,
      lastError: null,
    });
    expect(sent.sentAt).toEqual(third);

    expect(
      await deliverPendingEmails({ ids: [id], now: later(third, 24 * 3_600_000), backoff }),
    ).toEqual(nothing);
    expect(standIn.requestsWithKey(id)).toHaveLength(3);
  });

  it("marks a 422 validation error failed at once, without retrying", async () => {
    process.env.EMAIL_FROM = "Switchboard without an address";
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { id } = await enqueueMagicLink();
    const now = new Date();

    expect(await deliverPendingEmails({ ids: [id], now })).toEqual({ ...nothing, failed: 1 });
    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: "failed", attempts: 1, transport: "resend" });
    expect(row.lastError).toContain("validation_error (422)");
    expect(row.lastError).toContain("`from`");

    expect(await deliverPendingEmails({ ids: [id], now: later(now, 3_600_000) })).toEqual(nothing);
    expect(standIn.requestsWithKey(id).map((request) => request.status)).toEqual([422]);
  });

  it("retries a refused API key, and sends once the key is fixed", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { id } = await enqueueMagicLink();
    const now = new Date();
    process.env.RESEND_API_KEY = "re_mistyped";
    // Before, a 403 failed the email for good after this one try.
    expect(await deliverPendingEmails({ ids: [id], now, backoff: () => 1_000 })).toEqual({
      ...nothing,
      retried: 1,
    });
    expect(await outboxRow(id)).toMatchObject({ status: "pending", attempts: 1 });
    expect((await outboxRow(id)).lastError).toContain("invalid_api_key (403)");

    process.env.RESEND_API_KEY = standIn.apiKey;
    expect(await deliverPendingEmails({ ids: [id], now: later(now, 1_000) })).toEqual({
      ...nothing,
      sent: 1,
    });
    expect(standIn.requestsWithKey(id).map((request) => request.status)).toEqual([403, 200]);
  });

  it("retries a dropped connection and gives up after the eighth attempt", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { id } = await enqueueMagicLink();
    const now = new Date();
    standIn.failNext("network");
    expect(await deliverPendingEmails({ ids: [id], now, backoff: () => 1_000 })).toEqual({
      ...nothing,
      retried: 1,
    });
    expect((await outboxRow(id)).lastError).toContain("application_error (no response)");

    const db = await getDb();
    await db.update(emailOutbox).set({ attempts: 7 }).where(eq(emailOutbox.id, id));
    standIn.failNext(503);
    expect(await deliverPendingEmails({ ids: [id], now: later(now, 1_000) })).toEqual({
      ...nothing,
      failed: 1,
    });
    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: "failed", attempts: 8 });
    expect(row.lastError).toMatch(/^gave up after 8 attempts: application_error \(503\)/);
  });

  it("takes over a row whose deliverer died, once its lease has run out", async () => {
    const { id } = await enqueueMagicLink();
    const db = await getDb();
    const now = new Date();
    await db
      .update(emailOutbox)
      .set({ status: "sending", attempts: 1, lockedUntil: later(now, 5_000) })
      .where(eq(emailOutbox.id, id));

    expect(await deliverPendingEmails({ ids: [id], now })).toEqual(nothing);
    expect(await deliverPendingEmails({ ids: [id], now: later(now, 6_000) })).toEqual({
      ...nothing,
      sent: 1,
    });
    expect(await outboxRow(id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(standIn.requestsWithKey(id)).toHaveLength(1);
  });

  it("sends each row once when two deliverers run at the same time", async () => {
    const rows = await Promise.all(Array.from({ length: 6 }, () => enqueueMagicLink()));
    const ids = rows.map((row) => row.id);

    const results = await Promise.all([
      deliverPendingEmails({ ids, limit: 3 }),
      deliverPendingEmails({ ids, limit: 3 }),
    ]);

    expect(results.reduce((total, result) => total + result.sent, 0)).toBe(6);
    for (const id of ids) expect(standIn.requestsWithKey(id)).toHaveLength(1);
    const db = await getDb();
    const stored = await db
      .select({ status: emailOutbox.status })
      .from(emailOutbox)
      .where(inArray(emailOutbox.id, ids));
    expect(stored.map((row) => row.status)).toEqual(Array(6).fill("sent"));
  });

  it(`queues no more than ${MAGIC_LINK_LIMIT} sign-in links for one address when asked at once`, async () => {
    const to = randomEmail();
    const url = magicLinkUrl(to);
    const expires = new Date(Date.now() + 3_600_000);
    const results = await Promise.all(
      Array.from({ length: 12 }, () => sendMagicLinkEmail({ to, url, expires })),
    );
    // Before, each counted the links sent before any was queued: all 12 went out.
    expect(results.filter(Boolean)).toHaveLength(MAGIC_LINK_LIMIT);
    const queued = await (await getDb())
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, to), eq(emailOutbox.template, "magic-link")));
    expect(queued).toHaveLength(MAGIC_LINK_LIMIT);
  });

  it("sends a magic link at once from sendMagicLinkEmail, and throws when Resend refuses it", async () => {
    const to = randomEmail();
    const url = magicLinkUrl(to);
    await sendMagicLinkEmail({ to, url, expires: new Date(Date.now() + 3_600_000) });
    const accepted = standIn.accepted.filter((email) => {
      const recipients = email.payload.to;
      return Array.isArray(recipients) && recipients.includes(to);
    });
    expect(accepted).toHaveLength(1);
    expect(String(accepted[0]?.payload.text)).toContain(url);

    process.env.EMAIL_FROM = "not an address";
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const refused = randomEmail();
    await expect(
      sendMagicLinkEmail({ to: refused, url: magicLinkUrl(refused), expires: new Date() }),
    ).rejects.toBeInstanceOf(EmailDeliveryError);
  });
});

describe("email outbox writes", () => {
  it("leaves no row when the caller's transaction rolls back", async () => {
    const db = await getDb();
    const to = randomEmail();
    await expect(
      db.transaction(async (tx) => {
        await enqueueEmail(tx, magicLink(to).input);
        throw new Error("the caller's write failed");
      }),
    ).rejects.toThrow("the caller's write failed");
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to))).toEqual([]);
  });

  it("refuses an invalid recipient with a validation error", async () => {
    const db = await getDb();
    const error = await enqueueEmail(db, magicLink("not-an-email").input).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "validation", fields: { to: expect.any(String) } });
    expect(String(error.message)).toContain('"not-an-email" is not a valid email address');
  });
});

describe("dev mailbox", () => {
  it("records mail instead of sending it when RESEND_API_KEY is not set", async () => {
    delete process.env.RESEND_API_KEY;
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    const requestsBefore = standIn.requests.length;
    const { id, to, url } = await enqueueMagicLink();

    expect(await deliverPendingEmails({ ids: [id] })).toEqual({ ...nothing, sent: 1 });
    expect(await outboxRow(id)).toMatchObject({
      status: "sent",
      transport: "dev-mailbox",
      providerMessageId: null,
    });
    expect(standIn.requests.length).toBe(requestsBefore);
    const logged = info.mock.calls.map((call) => String(call[0])).join("\n");
    expect(logged).toContain(to);
    expect(logged).toContain(url);

    const mailbox = await listDevMailbox(await getDb());
    const message = mailbox.find((entry) => entry.id === id);
    expect(message).toMatchObject({ to, subject: "Sign in to Switchboard", links: [url] });
    expect(message?.text).toContain(url);
    expect(mailbox.every((entry) => entry.id !== undefined)).toBe(true);
  });
});
