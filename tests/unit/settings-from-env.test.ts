import { describe, expect, it } from "vitest";
import { poolSizeFromEnv } from "@/db/client";
import { trustedProxyHops } from "@/lib/request-ip";

describe("settings read from the environment", () => {
  it("DATABASE_POOL_SIZE: a whole number of at least 2, with its name in the refusal", () => {
    expect(poolSizeFromEnv(undefined)).toBe(10);
    expect(poolSizeFromEnv("")).toBe(10);
    expect(poolSizeFromEnv("4")).toBe(4);
    // Before: "abc" and "0" silently meant 10, "1" and "-1" left every query waiting.
    for (const bad of ["abc", "0", "1", "-1", "2.5", "1e9"]) {
      expect(() => poolSizeFromEnv(bad)).toThrow(
        `DATABASE_POOL_SIZE must be a whole number from 2 to 1000 (one connection listens for live updates), not "${bad}"`,
      );
    }
  });

  it("TRUSTED_PROXY_HOPS: refused by name (the server checks it at boot)", () => {
    const saved = process.env.TRUSTED_PROXY_HOPS;
    try {
      process.env.TRUSTED_PROXY_HOPS = "-1";
      expect(() => trustedProxyHops()).toThrow("TRUSTED_PROXY_HOPS must be a whole number 0–10");
    } finally {
      if (saved === undefined) delete process.env.TRUSTED_PROXY_HOPS;
      else process.env.TRUSTED_PROXY_HOPS = saved;
    }
  });
});
