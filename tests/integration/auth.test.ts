import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { loginAttempts, users } from "@/db/schema";
import {
  LOGIN_FAILURE_LIMIT,
  LOGIN_WINDOW_MS,
  recordLoginFailure,
} from "@/lib/auth/login-rate-limit";
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
