import { and, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { setPasswordAction } from "@/app/(app)/actions";
import { getDb } from "@/db/client";
import { emailOutbox, loginAttempts, users } from "@/db/schema";
import { handlers } from "@/lib/auth/auth";
import { claimEmailOwnership, sessionRevoked } from "@/lib/auth/email-ownership";
import {
  LOGIN_FAILURE_LIMIT,
  LOGIN_WINDOW_MS,
  recordLoginFailure,
  sweepLoginAttempts,
} from "@/lib/auth/login-rate-limit";
import { MAGIC_LINK_LIMIT } from "@/lib/auth/magic-link-limit";
import { signUpUser } from "@/lib/auth/sign-up";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { AppError } from "@/lib/errors";
import { makeUser, randomEmail, TEST_PASSWORD } from "../support/factories";

const ip = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("sign up", () => {
  it("stores a bcrypt hash, never the password", async () => {
    const email = randomEmail("hash");
    const user = await signUpUser(await getDb(), { name: "Hash", email, password: TEST_PASSWORD });
    expect(user.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(user.passwordHash).not.toContain(TEST_PASSWORD);
  });

  it("refuses a duplicate email with a clear message and creates nothing", async () => {
    const db = await getDb();
    const user = await makeUser("dup");
    const error = await refusal(
      signUpUser(db, { name: "Again", email: user.email, password: TEST_PASSWORD }),
    );
    expect(error.code).toBe("conflict");
    expect(error.fields?.email).toMatch(/already exists/);
    const rows = await db.select().from(users).where(eq(users.email, user.email));
    expect(rows).toHaveLength(1);
  });
});

describe("password sign-in", () => {
  it("accepts the right password", async () => {
    const user = await makeUser("ok");
    const signedIn = await verifyCredentials(await getDb(), {
      email: user.email,
      password: TEST_PASSWORD,
      ip: ip(),
    });
    expect(signedIn.id).toBe(user.id);
  });

  it("answers a wrong password and an unknown email with the same message", async () => {
    const db = await getDb();
    const user = await makeUser("wrong");
    const wrongPassword = await refusal(
      verifyCredentials(db, { email: user.email, password: "not-the-password", ip: ip() }),
    );
    const unknownEmail = await refusal(
      verifyCredentials(db, { email: randomEmail("nobody"), password: TEST_PASSWORD, ip: ip() }),
    );
    expect(wrongPassword.message).toBe("Wrong email or password.");
    expect(unknownEmail.message).toBe(wrongPassword.message);
    expect(unknownEmail.code).toBe(wrongPassword.code);
  });

  it("locks an email after 10 failures in 15 minutes, even with the right password", async () => {
    const db = await getDb();
    const user = await makeUser("limited");
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) {
      await refusal(
        verifyCredentials(db, { email: user.email, password: "nope-nope-nope", ip: ip() }),
      );
    }
    const locked = await refusal(
      verifyCredentials(db, { email: user.email, password: TEST_PASSWORD, ip: ip() }),
    );
    expect(locked.code).toBe("rate_limited");
    expect(locked.message).toBe("Too many sign-in attempts. Try again in 15 minutes.");
  });

  it("lets no more than 10 guesses through when they come all at once", async () => {
    const db = await getDb();
    const user = await makeUser("parallel");
    const address = ip();
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        refusal(verifyCredentials(db, { email: user.email, password: `guess-${i}`, ip: address })),
      ),
    );
    // Before, each counted the failures before any was recorded: all 30 were tried.
    const tried = outcomes.filter((o) => o.code === "unauthenticated").length;
    expect(tried).toBeLessThanOrEqual(LOGIN_FAILURE_LIMIT);
    expect(outcomes.filter((o) => o.code === "rate_limited").length).toBe(30 - tried);
  });

  it("forgets failures older than the window for good (the table no longer grows forever)", async () => {
    const db = await getDb();
    const email = randomEmail("sweep");
    const now = new Date();
    await recordLoginFailure(db, {
      email,
      ip: ip(),
      now: new Date(now.getTime() - LOGIN_WINDOW_MS - 1_000),
    });
    await recordLoginFailure(db, { email, ip: ip(), now });
    await sweepLoginAttempts(db, now);
    const left = await db.select().from(loginAttempts).where(eq(loginAttempts.email, email));
    expect(left.map((row) => row.createdAt.getTime())).toEqual([now.getTime()]);
  });

  it("locks an address that tries many emails", async () => {
    const db = await getDb();
    const address = ip();
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) {
      await refusal(
        verifyCredentials(db, {
          email: randomEmail("spray"),
          password: "guess-guess",
          ip: address,
        }),
      );
    }
    const user = await makeUser("innocent");
    const locked = await refusal(
      verifyCredentials(db, { email: user.email, password: TEST_PASSWORD, ip: address }),
    );
    expect(locked.code).toBe("rate_limited");
    // The same account from another address still works: the limit is per email OR per address.
    const ok = await verifyCredentials(db, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: ip(),
    });
    expect(ok.id).toBe(user.id);
  });

  it("tells how many minutes remain and forgets failures older than the window", async () => {
    const db = await getDb();
    const user = await makeUser("window");
    const now = Date.now();
    // Ten failures: the oldest 12 minutes ago, so the lock lifts in 3 minutes.
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) {
      await recordLoginFailure(db, {
        email: user.email,
        ip: ip(),
        now: new Date(now - 12 * 60_000 + i * 1000),
      });
    }
    const locked = await refusal(
      verifyCredentials(db, { email: user.email, password: TEST_PASSWORD, ip: ip() }),
    );
    expect(locked.message).toBe("Too many sign-in attempts. Try again in 3 minutes.");

    await db
      .update(loginAttempts)
      .set({ createdAt: new Date(now - LOGIN_WINDOW_MS - 1000) })
      .where(eq(loginAttempts.email, user.email));
    const ok = await verifyCredentials(db, {
      email: user.email,
      password: TEST_PASSWORD,
      ip: ip(),
    });
    expect(ok.id).toBe(user.id);
  });

  it("forgives an email's failures after a successful sign-in", async () => {
    const db = await getDb();
    const user = await makeUser("forgive");
    for (let i = 0; i < LOGIN_FAILURE_LIMIT - 1; i++) {
      await refusal(
        verifyCredentials(db, { email: user.email, password: "nope-nope-nope", ip: ip() }),
      );
    }
    await verifyCredentials(db, { email: user.email, password: TEST_PASSWORD, ip: ip() });
    const left = await db.select().from(loginAttempts).where(eq(loginAttempts.email, user.email));
    expect(left).toHaveLength(0);
  });
});

describe("an email link proving who owns an address", () => {
  it("removes a password set before anyone proved it, and ends the sessions signed in with it", async () => {
    const db = await getDb();
    // Someone signs up with another person's address and a password of their choosing …
    const email = randomEmail("prehijack");
    const squatter = await signUpUser(db, { name: "Not Alice", email, password: TEST_PASSWORD });
    const before = Date.now();
    expect((await verifyCredentials(db, { email, password: TEST_PASSWORD, ip: ip() })).id).toBe(
      squatter.id,
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    // … then the real owner signs in through a link sent to it (Auth.js marks it verified).
    expect(await claimEmailOwnership(db, { userId: squatter.id })).toBe(true);
    const refused = await refusal(
      verifyCredentials(db, { email, password: TEST_PASSWORD, ip: ip() }),
    );
    expect(refused.code).toBe("unauthenticated");
    expect(await sessionRevoked(db, { userId: squatter.id, signedInAt: before })).toBe(true);
    expect(await sessionRevoked(db, { userId: squatter.id, signedInAt: Date.now() + 1 })).toBe(
      false,
    );
  });

  it("lets the owner set a password again afterwards (Settings → Account), through the action", async () => {
    const db = await getDb();
    const email = randomEmail("relink");
    const user = await signUpUser(db, { name: "Alice", email, password: TEST_PASSWORD });
    await claimEmailOwnership(db, { userId: user.id });
    // Signed in by the link, with no password now: she sets one without a current one.
    const fresh = "a-brand-new-password";
    expect(await setPasswordAction.run({ userId: user.id }, { password: fresh })).toMatchObject({
      ok: true,
      data: { hadPassword: false },
    });
    expect((await verifyCredentials(db, { email, password: fresh, ip: ip() })).id).toBe(user.id);
    // Changing it asks for the current one, and a wrong one changes nothing.
    const another = "yet-another-password";
    expect(await setPasswordAction.run({ userId: user.id }, { password: another })).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { current: "Enter your current password." } },
    });
    expect(
      await setPasswordAction.run({ userId: user.id }, { current: "wrong-one", password: another }),
    ).toMatchObject({ ok: false, error: { fields: { current: expect.any(String) } } });
    expect(
      await setPasswordAction.run({ userId: user.id }, { current: fresh, password: "short" }),
    ).toMatchObject({
      ok: false,
      error: { fields: { password: expect.stringMatching(/at least/) } },
    });
    expect((await verifyCredentials(db, { email, password: fresh, ip: ip() })).id).toBe(user.id);
    expect(
      await setPasswordAction.run({ userId: user.id }, { current: fresh, password: another }),
    ).toMatchObject({ ok: true, data: { hadPassword: true } });
    expect((await verifyCredentials(db, { email, password: another, ip: ip() })).id).toBe(user.id);
    // Signed out: no.
    expect(await setPasswordAction.run({ userId: null }, { password: another })).toMatchObject({
      ok: false,
      error: { code: "unauthenticated" },
    });
  });

  it("leaves a verified account's password and sessions alone", async () => {
    const db = await getDb();
    const email = randomEmail("verified");
    const owner = await signUpUser(db, { name: "Owner", email, password: TEST_PASSWORD });
    await db.update(users).set({ emailVerified: new Date() }).where(eq(users.id, owner.id));
    expect(await claimEmailOwnership(db, { userId: owner.id })).toBe(false);
    expect((await verifyCredentials(db, { email, password: TEST_PASSWORD, ip: ip() })).id).toBe(
      owner.id,
    );
    expect(await sessionRevoked(db, { userId: owner.id, signedInAt: 0 })).toBe(false);
    expect(await sessionRevoked(db, { userId: "no-such-user", signedInAt: Date.now() })).toBe(true);
  });
});

describe("sign-in links requested straight from Auth.js's endpoint", () => {
  it(`are limited to ${MAGIC_LINK_LIMIT} per address like the sign-in form's`, async () => {
    const email = randomEmail("direct");
    const csrf = await handlers.GET(new NextRequest("http://localhost:3000/api/auth/csrf"));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = (csrf.headers.get("set-cookie") ?? "")
      .split(/,(?=\s*authjs)/)
      .map((part) => part.split(";")[0]?.trim())
      .join("; ");
    for (let i = 0; i < MAGIC_LINK_LIMIT + 2; i++) {
      await handlers.POST(
        new NextRequest("http://localhost:3000/api/auth/signin/email", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie },
          body: new URLSearchParams({ csrfToken, email }).toString(),
        }),
      );
    }
    const sent = await (await getDb())
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, email), eq(emailOutbox.template, "magic-link")));
    expect(sent).toHaveLength(MAGIC_LINK_LIMIT);
  });
});
