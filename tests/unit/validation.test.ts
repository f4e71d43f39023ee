import { describe, expect, it } from "vitest";
import { signUpSchema } from "@/lib/auth/schemas";
import { decodeCursor, encodeCursor } from "@/lib/conversations/cursor";
import { listQuerySchema } from "@/lib/conversations/schemas";
import { parseChannel } from "@/lib/realtime/events";
import { requestIp } from "@/lib/request-ip";
import { safeRedirect } from "@/lib/safe-redirect";

describe("sign-up input", () => {
  it("refuses a password under 10 characters with a clear message", () => {
    const result = signUpSchema.safeParse({ name: "Sam", email: "sam@x.io", password: "short" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Use at least 10 characters for your password.");
  });
  it("refuses an invalid email", () => {
    const result = signUpSchema.safeParse({
      name: "Sam",
      email: "sam@",
      password: "long-enough-pw",
    });
    expect(result.error?.issues[0]?.message).toMatch(/valid email/);
  });
  it("normalises the email", () => {
    const result = signUpSchema.parse({
      name: " Sam ",
      email: " Sam@Example.COM ",
      password: "long-enough-pw",
    });
    expect(result).toMatchObject({ name: "Sam", email: "sam@example.com" });
  });
});

describe("safeRedirect", () => {
  it.each([
    ["/acme/inbox", "/acme/inbox"],
    ["https://evil.example/", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    // Browsers drop tabs and newlines in URLs: these are "//evil.example".
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\\\t\\evil.example", "/"],
    ["/acme/inbox?view=mine#top", "/acme/inbox?view=mine#top"],
    [undefined, "/"],
  ])("%s → %s", (target, result) => {
    expect(safeRedirect(target)).toBe(result);
  });
});

describe("inbox list input", () => {
  it("reads unread=false as false, unread=true as true, and refuses anything else", () => {
    expect(listQuerySchema.parse({ unread: "false" }).unread).toBe(false);
    expect(listQuerySchema.parse({ unread: "true" }).unread).toBe(true);
    expect(listQuerySchema.parse({ unread: true }).unread).toBe(true);
    expect(listQuerySchema.safeParse({ unread: "maybe" }).error?.issues[0]?.message).toBe(
      "Use unread=true or unread=false.",
    );
  });

  it("refuses a cursor it did not give out, and reads back one it did", () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const raw of [
      forged([0, "-".repeat(36)]),
      forged([1e300, UUID]),
      // JavaScript reads this date (a million years ago); PostgreSQL cannot hold it.
      forged([-1e15, UUID]),
      "%%%",
      forged({}),
    ]) {
      expect(() => decodeCursor(raw)).toThrow(/not valid/);
    }
    const at = new Date("2026-11-24T10:00:00.123Z");
    expect(decodeCursor(encodeCursor({ at, id: UUID }))).toEqual({ at, id: UUID });
  });

  it("only names a realtime channel after a real uuid", () => {
    expect(parseChannel(`presence-conversation-${UUID}`)).toEqual({
      kind: "presence",
      conversationId: UUID,
    });
    expect(parseChannel(`presence-conversation-${"-".repeat(36)}`)).toBeNull();
    expect(parseChannel(`private-member-${"a".repeat(36)}`)).toBeNull();
  });
});

const UUID = "6f1c3a52-1b0e-4c1e-9d7a-2f5a3c9e8b10";

describe("the client address behind our proxies", () => {
  const from = (headers: Record<string, string>) => ({ headers: new Headers(headers) });
  it("reads the entry our nearest proxy appended, never what the client put before it", () => {
    const forged = from({ "x-forwarded-for": "1.2.3.4, 5.6.7.8, 203.0.113.9" });
    expect(requestIp(forged, 1)).toBe("203.0.113.9");
    expect(requestIp(forged, 2)).toBe("5.6.7.8");
    expect(requestIp(forged, 0)).toBe("unknown");
    expect(requestIp(from({ "x-real-ip": "198.51.100.2" }), 1)).toBe("198.51.100.2");
    expect(requestIp(from({}), 1)).toBe("unknown");
  });
});
