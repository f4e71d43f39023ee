import { describe, expect, it } from "vitest";
import { splitEmails } from "@/lib/members/schemas";
import { describeUsage, downgradeRefusal, seatRefusal } from "@/lib/members/seats";

describe("seats", () => {
  it("describes usage against the plan", () => {
    expect(describeUsage("starter", { members: 2, pending: 0 })).toBe("2 of 3 seats");
    expect(describeUsage("team", { members: 4, pending: 3 })).toBe("7 of 10 seats");
    expect(describeUsage("business", { members: 40, pending: 2 })).toBe("42 seats (unlimited)");
  });

  it("fits invitations up to the limit, not past it", () => {
    expect(seatRefusal("starter", { members: 1, pending: 1 }, 1)).toBeNull();
    expect(seatRefusal("starter", { members: 1, pending: 1 }, 2)).toBe(
      "The Starter plan has 3 seats, with 2 seats in use: 1 member and 1 pending invitation, so 1 more invitation fits, not 2. Revoke a pending invitation, remove a member, or switch to a bigger plan in Settings → Plan.",
    );
    expect(seatRefusal("business", { members: 500, pending: 50 }, 50)).toBeNull();
  });

  it("refuses a plan smaller than what is used", () => {
    expect(downgradeRefusal("team", { members: 10, pending: 0 })).toBeNull();
    expect(downgradeRefusal("team", { members: 10, pending: 1 })).toMatch(
      /^The Team plan has 10 seats, but 11 seats in use: 10 members and 1 pending invitation\./,
    );
  });
});

describe("splitEmails", () => {
  it("splits on commas, semicolons and new lines, lowercases and removes repeats", () => {
    expect(splitEmails(" A@x.io, b@y.io;\nc@z.io\n\na@X.io ")).toEqual([
      "a@x.io",
      "b@y.io",
      "c@z.io",
    ]);
  });
});
