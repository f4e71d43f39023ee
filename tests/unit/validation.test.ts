import { describe, expect, it } from "vitest";
import { signUpSchema } from "@/lib/auth/schemas";
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
    [undefined, "/"],
  ])("%s → %s", (target, result) => {
    expect(safeRedirect(target)).toBe(result);
  });
});
