import { describe, expect, it } from "vitest";
import {
  buildDecision,
  explainDecision,
  summarizeDecision,
} from "@/lib/assignment/routing-decision";
import {
  type Candidate,
  choose,
  chooseBalanced,
  chooseRoundRobin,
  isEligible,
  skipReason,
} from "@/lib/assignment/routing-rules";

/**
 * The pure rules of routing (DESIGN.md, "Assignment rules" 7) on hand-built pools: who is
 * eligible, whom balanced and round robin choose, and how a decision is explained.
 */

let counter = 0;
/** An online Agent who accepts chats, with no capacity and nothing open, unless told. */
function candidate(overrides: Partial<Candidate> & { memberId?: string } = {}): Candidate {
  counter += 1;
  return {
    memberId: `00000000-0000-4000-8000-${String(counter).padStart(12, "0")}`,
    name: `Member ${counter}`,
    role: "agent",
    status: "online",
    acceptsChats: true,
    capacity: null,
    openConversations: 0,
    lastAssignedAt: null,
    ...overrides,
  };
}

/** Members with ids in a known order: a < b < c < d. */
const id = (letter: string) => `00000000-0000-4000-8000-00000000000${letter}`;
const at = (hhmm: string) => new Date(`2030-05-01T${hhmm}:00Z`);
const hhmm = (iso: string) => iso.slice(11, 16);

describe("eligibility", () => {
  it("lets an online Agent, Manager or Admin who accepts chats and has room take a chat", () => {
    for (const role of ["agent", "manager", "admin"] as const) {
      const c = candidate({ role });
      expect(skipReason(c)).toBeNull();
      expect(isEligible(c)).toBe(true);
    }
  });

  it("skips a Viewer, whose role cannot reply, even when online with room", () => {
    expect(skipReason(candidate({ role: "viewer" }))).toBe("cannot_reply");
  });

  it("skips a member who does not accept chats, who is away, or who is offline", () => {
    expect(skipReason(candidate({ acceptsChats: false }))).toBe("not_accepting");
    expect(skipReason(candidate({ status: "away" }))).toBe("away");
    expect(skipReason(candidate({ status: "offline" }))).toBe("offline");
  });

  it("gives the most lasting reason first when several apply", () => {
    const everything = candidate({
      role: "viewer",
      acceptsChats: false,
      status: "offline",
      capacity: 0,
    });
    expect(skipReason(everything)).toBe("cannot_reply");
    expect(skipReason({ ...everything, role: "agent" })).toBe("not_accepting");
    expect(skipReason({ ...everything, role: "agent", acceptsChats: true })).toBe("offline");
    expect(skipReason({ ...everything, role: "agent", acceptsChats: true, status: "online" })).toBe(
      "at_capacity",
    );
  });

  it("excludes a member whose load equals their capacity, and admits one below it", () => {
    expect(skipReason(candidate({ capacity: 3, openConversations: 3 }))).toBe("at_capacity");
    expect(skipReason(candidate({ capacity: 3, openConversations: 2 }))).toBeNull();
    expect(skipReason(candidate({ capacity: 1, openConversations: 0 }))).toBeNull();
  });

  it("excludes a member above a capacity lowered below their load", () => {
    expect(skipReason(candidate({ capacity: 2, openConversations: 5 }))).toBe("at_capacity");
  });

  it("treats no capacity (null) as unlimited, and capacity 0 as taking nothing", () => {
    expect(skipReason(candidate({ capacity: null, openConversations: 10_000 }))).toBeNull();
    expect(skipReason(candidate({ capacity: 0, openConversations: 0 }))).toBe("at_capacity");
  });
});

describe("balanced", () => {
  it("gives the conversation to the eligible member with the fewest open, whatever the input order", () => {
    const a = candidate({ memberId: id("a"), openConversations: 4 });
    const b = candidate({ memberId: id("b"), openConversations: 1 });
    const c = candidate({ memberId: id("c"), openConversations: 2 });
    for (const pool of [
      [a, b, c],
      [c, b, a],
      [b, a, c],
    ]) {
      expect(chooseBalanced(pool)).toEqual({ chosen: b, tieBreak: "fewest_open" });
    }
  });

  it("breaks a tie on load by the oldest last assignment", () => {
    const recent = candidate({
      memberId: id("a"),
      openConversations: 2,
      lastAssignedAt: at("14:05"),
    });
    const older = candidate({
      memberId: id("b"),
      openConversations: 2,
      lastAssignedAt: at("14:02"),
    });
    const busier = candidate({
      memberId: id("c"),
      openConversations: 3,
      lastAssignedAt: at("09:00"),
    });
    expect(chooseBalanced([recent, busier, older])).toEqual({
      chosen: older,
      tieBreak: "oldest_assignment",
    });
  });

  it("counts never assigned as the oldest assignment of all", () => {
    const veteran = candidate({ memberId: id("a"), lastAssignedAt: new Date(0) });
    const newcomer = candidate({ memberId: id("b"), lastAssignedAt: null });
    expect(chooseBalanced([veteran, newcomer])).toEqual({
      chosen: newcomer,
      tieBreak: "oldest_assignment",
    });
  });

  it("falls back to the member id when load and last assignment are equal", () => {
    const b = candidate({ memberId: id("b"), lastAssignedAt: at("10:00") });
    const a = candidate({ memberId: id("a"), lastAssignedAt: at("10:00") });
    expect(chooseBalanced([b, a])).toEqual({ chosen: a, tieBreak: "member_id" });
    const neverB = candidate({ memberId: id("b") });
    const neverA = candidate({ memberId: id("a") });
    expect(chooseBalanced([neverB, neverA])).toEqual({ chosen: neverA, tieBreak: "member_id" });
  });

  it("says only_candidate when one member is eligible", () => {
    const only = candidate({ openConversations: 9 });
    const away = candidate({ status: "away" });
    expect(chooseBalanced([away, only])).toEqual({ chosen: only, tieBreak: "only_candidate" });
  });

  it("passes over ineligible members however idle they are", () => {
    const idle = [
      candidate({ role: "viewer" }),
      candidate({ acceptsChats: false }),
      candidate({ status: "away" }),
      candidate({ status: "offline" }),
      candidate({ capacity: 0 }),
    ];
    const busy = candidate({ openConversations: 50 });
    expect(chooseBalanced([...idle, busy])?.chosen).toBe(busy);
  });

  it("chooses nobody from an empty pool or one where nobody is eligible", () => {
    expect(chooseBalanced([])).toBeNull();
    expect(
      chooseBalanced([
        candidate({ status: "away" }),
        candidate({ capacity: 1, openConversations: 1 }),
      ]),
    ).toBeNull();
  });

  it("leaves the caller's list as it was", () => {
    const pool = [
      candidate({ memberId: id("c"), openConversations: 3 }),
      candidate({ memberId: id("a"), openConversations: 1 }),
    ];
    const before = [...pool];
    chooseBalanced(pool);
    expect(pool).toEqual(before);
  });

  it("spreads arrivals evenly when every choice is fed back as a new load", () => {
    let pool = ["a", "b", "c", "d"].map((letter) => candidate({ memberId: id(letter) }));
    for (let i = 0; i < 37; i++) {
      const choice = chooseBalanced(pool);
      if (!choice) throw new Error("nobody chosen");
      pool = pool.map((c) =>
        c.memberId === choice.chosen.memberId
          ? { ...c, openConversations: c.openConversations + 1, lastAssignedAt: new Date(i * 1000) }
          : c,
      );
      const loads = pool.map((c) => c.openConversations);
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    }
  });
});

describe("round robin", () => {
  const a = candidate({ memberId: id("a") });
  const b = candidate({ memberId: id("b") });
  const c = candidate({ memberId: id("c") });

  /** The members chosen one after another, each remembered as the last served. */
  function rotate(pool: Candidate[], times: number, last: string | null = null): string[] {
    const served: string[] = [];
    for (let i = 0; i < times; i++) {
      const choice = chooseRoundRobin(pool, last);
      if (!choice) throw new Error("nobody chosen");
      served.push(choice.chosen.memberId);
      last = choice.chosen.memberId;
    }
    return served;
  }

  it("starts with the first member in the stable (member id) order, whatever the input order", () => {
    expect(chooseRoundRobin([c, a, b], null)).toEqual({ chosen: a, tieBreak: "rotation" });
  });

  it("rotates strictly and wraps around, ignoring load", () => {
    const loaded = [{ ...a, openConversations: 9 }, b, { ...c, openConversations: 4 }];
    expect(rotate(loaded, 7)).toEqual([
      id("a"),
      id("b"),
      id("c"),
      id("a"),
      id("b"),
      id("c"),
      id("a"),
    ]);
  });

  it("goes on from the remembered last member", () => {
    expect(chooseRoundRobin([a, b, c], id("b"))?.chosen).toBe(c);
    expect(chooseRoundRobin([a, b, c], id("c"))?.chosen).toBe(a);
  });

  it("skips members who are not eligible, and takes them back when they are", () => {
    const away = { ...b, status: "away" as const };
    expect(rotate([a, away, c], 4)).toEqual([id("a"), id("c"), id("a"), id("c")]);
    const full = { ...c, capacity: 2, openConversations: 2 };
    expect(rotate([a, b, full], 3, id("a"))).toEqual([id("b"), id("a"), id("b")]);
  });

  it("goes on after a remembered member who has left the pool", () => {
    // id("b") is no longer a candidate: the next one after it in the order serves.
    expect(chooseRoundRobin([a, c], id("b"))?.chosen).toBe(c);
    const d = id("d");
    expect(chooseRoundRobin([a, c], d)?.chosen).toBe(a);
  });

  it("says only_candidate when one member is eligible", () => {
    expect(chooseRoundRobin([a, { ...b, status: "offline" }], id("a"))).toEqual({
      chosen: a,
      tieBreak: "only_candidate",
    });
  });

  it("chooses nobody from an empty pool or one where nobody is eligible", () => {
    expect(chooseRoundRobin([], null)).toBeNull();
    expect(chooseRoundRobin([], id("a"))).toBeNull();
    expect(chooseRoundRobin([{ ...a, acceptsChats: false }], null)).toBeNull();
  });
});

describe("choose", () => {
  it("dispatches on the strategy", () => {
    const a = candidate({ memberId: id("a"), openConversations: 5 });
    const b = candidate({ memberId: id("b"), openConversations: 0 });
    expect(choose("balanced", [a, b], null)?.chosen).toBe(b);
    expect(choose("round_robin", [a, b], null)?.chosen).toBe(a);
  });
});

describe("a routing decision", () => {
  const sam = candidate({
    memberId: id("a"),
    name: "Sam",
    openConversations: 2,
    capacity: 5,
    lastAssignedAt: at("14:02"),
  });
  const kim = candidate({
    memberId: id("b"),
    name: "Kim",
    openConversations: 2,
    lastAssignedAt: at("14:30"),
  });
  const lee = candidate({ memberId: id("c"), name: "Lee", openConversations: 4 });
  const ana = candidate({ memberId: id("d"), name: "Ana", status: "away" });
  const bo = candidate({ name: "Bo", capacity: 3, openConversations: 3 });

  it("records the mode, the chosen member, the candidates with their load and who was skipped why", () => {
    const pool = [lee, ana, kim, bo, sam];
    const choice = chooseBalanced(pool);
    const decision = buildDecision({
      strategy: "balanced",
      teamId: null,
      teamName: null,
      candidates: pool,
      choice,
    });
    expect(decision).toMatchObject({
      strategy: "balanced",
      chosen: { memberId: sam.memberId, name: "Sam", openConversations: 2, capacity: 5 },
      tieBreak: "oldest_assignment",
      eligibleCount: 3,
      skippedCount: 2,
    });
    expect(decision.chosen?.lastAssignedAt).toBe(at("14:02").toISOString());
    expect(decision.considered.map((m) => [m.name, m.openConversations])).toEqual([
      ["Sam", 2],
      ["Kim", 2],
      ["Lee", 4],
    ]);
    expect(decision.skipped.map((m) => [m.name, m.reason])).toEqual([
      ["Ana", "away"],
      ["Bo", "at_capacity"],
    ]);
    // A decision is stored as JSON on the event: it must survive the round trip unchanged.
    expect(JSON.parse(JSON.stringify(decision))).toEqual(decision);
  });

  it("keeps at most 12 considered and 12 skipped members, with exact counts", () => {
    const many = Array.from({ length: 20 }, (_, i) => candidate({ openConversations: i }));
    const gone = Array.from({ length: 15 }, () => candidate({ status: "offline" }));
    const pool = [...many, ...gone];
    const decision = buildDecision({
      strategy: "balanced",
      teamId: "team-1",
      teamName: "Support",
      candidates: pool,
      choice: chooseBalanced(pool),
    });
    expect(decision.considered).toHaveLength(12);
    expect(decision.eligibleCount).toBe(20);
    expect(decision.skipped).toHaveLength(12);
    expect(decision.skippedCount).toBe(15);
    expect(explainDecision(decision, hhmm).at(-1)).toMatch(/and 3 more\.$/);
  });

  it("is summed up in one line: fewest open and last assignment, rotation, or nobody", () => {
    const pool = [kim, sam];
    const balanced = buildDecision({
      strategy: "balanced",
      teamId: null,
      teamName: null,
      candidates: pool,
      choice: chooseBalanced(pool),
    });
    expect(summarizeDecision(balanced, hhmm)).toBe("fewest open: 2; last assigned 14:02");
    const fresh = candidate({ name: "New" });
    const first = buildDecision({
      strategy: "balanced",
      teamId: null,
      teamName: null,
      candidates: [fresh],
      choice: chooseBalanced([fresh]),
    });
    expect(summarizeDecision(first, hhmm)).toBe("fewest open: 0; never assigned");
    const rotation = buildDecision({
      strategy: "round_robin",
      teamId: null,
      teamName: null,
      candidates: pool,
      choice: chooseRoundRobin(pool, null),
    });
    expect(summarizeDecision(rotation, hhmm)).toBe("next in rotation");
    const nobody = buildDecision({
      strategy: "balanced",
      teamId: null,
      teamName: null,
      candidates: [ana],
      choice: null,
    });
    expect(summarizeDecision(nobody, hhmm)).toBe("nobody eligible");
  });

  it("explains a balanced choice in plain words: who, from how many, the tie-break, who was passed over", () => {
    const pool = [lee, ana, kim, bo, sam];
    const lines = explainDecision(
      buildDecision({
        strategy: "balanced",
        teamId: "t",
        teamName: "Support",
        candidates: pool,
        choice: chooseBalanced(pool),
      }),
      hhmm,
    );
    expect(lines).toEqual([
      "Balanced routing in team Support chose Sam, who had 2 open conversations of 5 — the fewest among 3 eligible members.",
      "Kim had as few; Sam was last assigned 14:02, the longest ago, so they went first.",
      "Also eligible: Lee (4 open).",
      "Passed over: Ana (away), Bo (at capacity, 3/3).",
    ]);
  });

  it("explains a tie settled by the fixed member order", () => {
    const one = candidate({ memberId: id("a"), name: "One", openConversations: 1 });
    const two = candidate({ memberId: id("b"), name: "Two", openConversations: 1 });
    const lines = explainDecision(
      buildDecision({
        strategy: "balanced",
        teamId: null,
        teamName: null,
        candidates: [two, one],
        choice: chooseBalanced([two, one]),
      }),
      hhmm,
    );
    expect(lines[0]).toBe(
      "Balanced routing in the workspace chose One, who had 1 open conversation — the fewest among 2 eligible members.",
    );
    expect(lines[1]).toContain("the fixed member order decided");
  });

  it("explains a round-robin turn and an empty queue decision", () => {
    const pool = [sam, kim, ana];
    const rotation = explainDecision(
      buildDecision({
        strategy: "round_robin",
        teamId: null,
        teamName: null,
        candidates: pool,
        choice: chooseRoundRobin(pool, sam.memberId),
      }),
      hhmm,
    );
    expect(rotation).toEqual([
      "Round-robin routing in the workspace: it was Kim's turn in the rotation (2 eligible members, 2 open conversations).",
      "Passed over: Ana (away).",
    ]);
    const empty = explainDecision(
      buildDecision({
        strategy: "balanced",
        teamId: "t",
        teamName: "Billing",
        candidates: [],
        choice: null,
      }),
      hhmm,
    );
    expect(empty).toEqual([
      "Balanced routing in team Billing found nobody eligible, so the conversation waits in the queue and goes to the first member who becomes available.",
    ]);
  });
});
