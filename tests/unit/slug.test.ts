import { describe, expect, it } from "vitest";
import { firstFreeSlug, reservedSlugs, slugify } from "@/lib/workspaces/slug";

describe("slugify", () => {
  it.each([
    ["Acme Support", "acme-support"],
    ["  Café Crème  ", "cafe-creme"],
    ["Rock & Roll!!", "rock-roll"],
    ["a", "workspace-a"],
    ["日本", "workspace"],
    ["x".repeat(80), "x".repeat(40)],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe("firstFreeSlug", () => {
  it("takes the base when free", () => {
    expect(firstFreeSlug("acme", new Set())).toBe("acme");
  });
  it("counts up past taken slugs", () => {
    expect(firstFreeSlug("acme", new Set(["acme", "acme-2"]))).toBe("acme-3");
  });
  it("never returns a reserved path", () => {
    for (const reserved of reservedSlugs) {
      expect(firstFreeSlug(reserved, new Set())).toBe(`${reserved}-2`);
    }
  });
});
