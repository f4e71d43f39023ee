import { and, asc, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  conversationEvents,
  conversations,
  type MemberStatus,
  members,
  type Role,
  routingPositions,
  teamMembers,
  teams,
  users,
} from "@/db/schema";
import type { RoutingDecision } from "@/lib/assignment/routing-decision";
import { type Candidate, isEligible } from "@/lib/assignment/routing-rules";
import { removeMember } from "@/lib/members/end-membership";
import { addTeamMember } from "@/lib/teams/add-team-member";
import {
  type AssignmentWorld,
  buildWorld,
  close,
  customerWrites,
  setAvailability,
} from "../support/assignment-world";

/**
 * Random sequences of arrivals (new conversations, customers writing on closed ones), closes,
 * status / "accepts chats" / capacity changes, hires and removals, in balanced and round-robin
 * mode, against the real database. After every step the invariants of DESIGN.md's assignment
 * rules are checked against the rows and the event log — with an eligibility computed here
 * from the rows, not taken from the engine's own decision.
 *
 * A conversation cannot have two member assignees by construction (one column); what can go
 * wrong is an assignee who is no longer a member, or a history that disagrees with the row.
 */

const RUNS = Number(process.env.ASSIGNMENT_PROPERTY_RUNS ?? 25);
const MAX_STEPS = 30;

type Action =
  | { kind: "arrive"; team: boolean }
  | { kind: "burst"; count: number }
  | { kind: "close"; pick: number }
  | { kind: "return"; pick: number }
  | { kind: "status"; who: number; status: MemberStatus }
  | { kind: "accepts"; who: number; accepts: boolean }
  | { kind: "capacity"; who: number; capacity: number | null }
  | { kind: "remove"; who: number }
  | { kind: "hire"; team: boolean };

const status = fc.constantFrom<MemberStatus>("online", "online", "away", "offline");
const capacity = fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 3 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("arrive" as const), team: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("burst" as const),
      count: fc.integer({ min: 2, max: 5 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("close" as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("return" as const), pick: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant("status" as const), who: fc.nat(), status }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("accepts" as const),
      who: fc.nat(),
      accepts: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("capacity" as const), who: fc.nat(), capacity }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove" as const), who: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("hire" as const), team: fc.boolean() }) },
);

const scenario = fc.record({
  mode: fc.constantFrom("balanced" as const, "round_robin" as const),
  resetOnClose: fc.boolean(),
  initial: fc.array(fc.record({ status, capacity }), { minLength: 5, maxLength: 5 }),
  steps: fc.array(action, { minLength: 10, maxLength: MAX_STEPS }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

// ── State as the database holds it ──────────────────────────────────────────────────────────

interface MemberRow extends Candidate {
  removed: boolean;
  /** Open conversations assigned to them, counted now (the kept column is openConversations). */
  counted: number;
}

interface Snapshot {
  members: Map<string, MemberRow>;
  teamMemberIds: Set<string>;
  conversations: {
    id: string;
    status: "open" | "closed";
    assigneeId: string | null;
    teamId: string | null;
    queuedAt: Date | null;
  }[];
  events: {
    id: string;
    conversationId: string;
    type: string;
    data: Record<string, unknown>;
    createdAt: Date;
  }[];
  positions: Map<string, string | null>;
}

async function snapshot(w: AssignmentWorld, teamId: string): Promise<Snapshot> {
  const { db, workspaceId } = w;
  const memberRows = await db
    .select({
      memberId: members.id,
      name: sql<string>`coalesce(${users.name}, ${users.email})`,
      role: members.role,
      status: members.status,
      acceptsChats: members.acceptsChats,
      capacity: members.capacity,
      openConversations: members.openConversations,
      lastAssignedAt: members.lastAssignedAt,
      removed: sql<boolean>`${members.removedAt} is not null`,
      counted: sql<number>`(select count(*)::int from ${conversations} c
        where c.assignee_id = ${members.id} and c.status = 'open')`,
    })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.workspaceId, workspaceId));
  const inTeam = await db
    .select({ memberId: teamMembers.memberId })
    .from(teamMembers)
    .where(eq(teamMembers.teamId, teamId));
  const rows = await db
    .select({
      id: conversations.id,
      status: conversations.status,
      assigneeId: conversations.assigneeId,
      teamId: conversations.teamId,
      queuedAt: conversations.queuedAt,
    })
    .from(conversations)
    .where(eq(conversations.workspaceId, workspaceId))
    .orderBy(asc(conversations.createdAt));
  const events = await db
    .select({
      id: conversationEvents.id,
      conversationId: conversationEvents.conversationId,
      type: conversationEvents.type,
      data: conversationEvents.data,
      createdAt: conversationEvents.createdAt,
    })
    .from(conversationEvents)
    .where(eq(conversationEvents.workspaceId, workspaceId));
  const positions = await db
    .select({ pool: routingPositions.pool, last: routingPositions.lastMemberId })
    .from(routingPositions)
    .where(eq(routingPositions.workspaceId, workspaceId));
  return {
    members: new Map(
      memberRows.map((m) => [
        m.memberId,
        { ...m, removed: Boolean(m.removed), counted: Number(m.counted) },
      ]),
    ),
    teamMemberIds: new Set(inTeam.map((r) => r.memberId)),
    conversations: rows,
    events,
    positions: new Map(positions.map((p) => [p.pool, p.last])),
  };
}

/** Eligible members of a pool, judged from the rows (load = the recount, not the kept column). */
function eligibleIn(state: Snapshot, teamId: string | null): MemberRow[] {
  return [...state.members.values()].filter(
    (m) =>
      !m.removed &&
      (teamId === null || state.teamMemberIds.has(m.memberId)) &&
      isEligible({ ...m, openConversations: m.counted }),
  );
}

// Within one transaction the engine writes at most one release then one assignment for a
// conversation, all stamped with the same `now`: ties sort releases first.
const assigning = (e: Snapshot["events"][number]) =>
  e.type === "assigned" || e.type === "routed" ? String(e.data.to) : undefined;
const releasing = (e: Snapshot["events"][number]) =>
  e.type === "unassigned" ||
  (e.type === "closed" && e.data.unassigned !== undefined) ||
  (e.type === "reopened" && e.data.released !== undefined);

/** The assignee the event log says each conversation has. */
function replay(state: Snapshot): Map<string, string | null> {
  const sorted = [...state.events].sort(
    (a, b) =>
      a.createdAt.getTime() - b.createdAt.getTime() ||
      Number(assigning(a) !== undefined) - Number(assigning(b) !== undefined),
  );
  const owner = new Map<string, string | null>();
  for (const event of sorted) {
    const to = assigning(event);
    if (to !== undefined) owner.set(event.conversationId, to);
    else if (releasing(event)) owner.set(event.conversationId, null);
  }
  return owner;
}

/** Spread of loads within each group of online, accepting members with the same capacity. */
function spreads(state: Snapshot): Map<string, number> {
  const groups = new Map<string, number[]>();
  for (const m of state.members.values()) {
    if (m.removed || m.role === "viewer" || m.status !== "online" || !m.acceptsChats) continue;
    const key = String(m.capacity);
    groups.set(key, [...(groups.get(key) ?? []), m.counted]);
  }
  return new Map([...groups].map(([key, loads]) => [key, Math.max(...loads) - Math.min(...loads)]));
}

// ── The checks ───────────────────────────────────────────────────────────────────────────────

function checkState(before: Snapshot, after: Snapshot, mode: "balanced" | "round_robin") {
  const problems: string[] = [];
  for (const m of after.members.values()) {
    if (m.openConversations !== m.counted) {
      problems.push(`${m.name}: kept load ${m.openConversations}, recount ${m.counted}`);
    }
    const was = before.members.get(m.memberId);
    if (m.counted > (was?.counted ?? 0) && m.capacity !== null && m.counted > m.capacity) {
      problems.push(`${m.name} gained a conversation to ${m.counted}, over capacity ${m.capacity}`);
    }
  }
  const told = replay(after);
  for (const c of after.conversations) {
    if ((told.get(c.id) ?? null) !== c.assigneeId) {
      problems.push(`conversation ${c.id}: row says ${c.assigneeId}, events say ${told.get(c.id)}`);
    }
    if (c.status === "open" && c.assigneeId !== null) {
      const owner = after.members.get(c.assigneeId);
      if (!owner || owner.removed) problems.push(`open conversation ${c.id} owned by a non-member`);
    }
    if (c.status === "closed" && c.queuedAt !== null) problems.push(`closed ${c.id} is queued`);
    if (c.status === "open" && c.assigneeId === null) {
      // Every pool routes here: an open conversation nobody owns must wait in the queue…
      if (c.queuedAt === null) problems.push(`open unowned ${c.id} is not queued`);
      // …and only while nobody in its pool could take it.
      const free = eligibleIn(after, c.teamId);
      if (free.length > 0) {
        problems.push(`${c.id} waits while ${free.map((m) => m.name).join(", ")} could take it`);
      }
    }
    if (c.assigneeId !== null && c.queuedAt !== null) problems.push(`owned ${c.id} is queued`);
  }
  const seen = new Set(before.events.map((e) => e.id));
  for (const event of after.events) {
    if (seen.has(event.id) || event.type !== "routed") continue;
    const decision = event.data.decision as RoutingDecision;
    if (decision.strategy !== mode) problems.push(`routed by ${decision.strategy} in ${mode}`);
    if (!decision.chosen || decision.chosen.memberId !== event.data.to) {
      problems.push(`routed event ${event.id}: decision chose someone else`);
      continue;
    }
    if (decision.skipped.some((m) => m.memberId === decision.chosen?.memberId)) {
      problems.push(`routed event ${event.id}: the chosen member was also skipped`);
    }
    if (mode === "balanced") {
      const least = Math.min(...decision.considered.map((m) => m.openConversations));
      if (decision.chosen.openConversations !== least) {
        problems.push(
          `balanced chose ${decision.chosen.name} with ${decision.chosen.openConversations} open; the least was ${least}`,
        );
      }
    }
  }
  return problems;
}

/** One arrival, judged from the state before it: who should have got it, if anyone. */
function checkArrival(
  before: Snapshot,
  after: Snapshot,
  { mode, teamId }: { mode: "balanced" | "round_robin"; teamId: string | null },
): string[] {
  const known = new Set(before.conversations.map((c) => c.id));
  const arrived = after.conversations.filter((c) => !known.has(c.id));
  if (arrived.length !== 1) return [`expected one new conversation, found ${arrived.length}`];
  const [conversation] = arrived;
  const eligible = eligibleIn(before, teamId);
  if (!conversation) return [];
  if (eligible.length === 0) {
    return conversation.assigneeId === null ? [] : ["routed although nobody was eligible"];
  }
  if (conversation.assigneeId === null) return ["queued although someone was eligible"];
  const chosen = before.members.get(conversation.assigneeId);
  if (!chosen) return ["routed to a stranger"];
  if (mode === "balanced") {
    const least = Math.min(...eligible.map((m) => m.counted));
    return chosen.counted === least && eligible.includes(chosen)
      ? []
      : [`balanced gave it to ${chosen.name} (${chosen.counted} open); the least was ${least}`];
  }
  const ordered = eligible.map((m) => m.memberId).sort();
  const last = before.positions.get(teamId ?? "workspace") ?? null;
  const next = (last === null ? undefined : ordered.find((id) => id > last)) ?? ordered[0];
  return next === chosen.memberId ? [] : [`round robin gave it to ${chosen.name}, not the next`];
}

// ── Running a scenario ───────────────────────────────────────────────────────────────────────

async function run({ mode, resetOnClose, initial, steps }: Scenario): Promise<void> {
  const people: Record<string, Role> = {
    A: "agent",
    B: "agent",
    C: "agent",
    D: "manager",
    V: "viewer",
  };
  const w = await buildWorld({ people, mode, settings: { resetAssigneeOnClose: resetOnClose } });
  const [team] = await w.db
    .insert(teams)
    .values({ workspaceId: w.workspaceId, name: "Support", routingMode: "inherit" })
    .returning();
  if (!team) throw new Error("team insert returned nothing");
  const inTeam = (name: string) =>
    w.db.insert(teamMembers).values({ teamId: team.id, memberId: w.people[name]?.member.id ?? "" });
  await inTeam("A");
  await inTeam("B");
  const names = Object.keys(people);
  for (const [i, name] of names.entries()) {
    const start = initial[i];
    if (start) await setAvailability(w, name, { status: start.status, capacity: start.capacity });
  }
  const handles = new Map<string, string>();
  let hires = 0;
  const log: string[] = [];

  const fail = (problems: string[], at: string) => {
    if (problems.length > 0) {
      throw new Error(
        `after ${at} (${mode}, reset on close ${resetOnClose}):\n  ${problems.join("\n  ")}\n steps: ${log.join("; ")}`,
      );
    }
  };
  const active = (state: Snapshot) =>
    names.filter((n) => {
      const id = w.people[n]?.member.id;
      return id !== undefined && !state.members.get(id)?.removed;
    });
  const arrive = async (teamId: string | null) => {
    const handle = `p-${handles.size}-${Math.random().toString(36).slice(2, 8)}`;
    const { conversation } = await customerWrites(w, { handle, teamId });
    handles.set(conversation.id, handle);
  };

  let before = await snapshot(w, team.id);
  fail(checkState(before, before, mode), "setup");
  for (const step of steps) {
    log.push(JSON.stringify(step));
    const who = active(before);
    const name = who.length > 0 ? who[("who" in step ? step.who : 0) % who.length] : undefined;
    const open = before.conversations.filter((c) => c.status === "open");
    const closed = before.conversations.filter((c) => c.status === "closed");
    switch (step.kind) {
      case "arrive": {
        const teamId = step.team ? team.id : null;
        await arrive(teamId);
        const after = await snapshot(w, team.id);
        fail(checkArrival(before, after, { mode, teamId }), "an arrival");
        break;
      }
      case "burst": {
        // Arrivals only, outside any team: in balanced mode the loads of equally capacitated
        // available members never drift apart by more than one, and never further than before.
        let current = before;
        for (let i = 0; i < step.count; i++) {
          await arrive(null);
          const after = await snapshot(w, team.id);
          fail(checkArrival(current, after, { mode, teamId: null }), "an arrival in a burst");
          fail(checkState(current, after, mode), "an arrival in a burst");
          if (mode === "balanced") {
            const was = spreads(current);
            for (const [group, spread] of spreads(after)) {
              const limit = Math.max(was.get(group) ?? 0, 1);
              if (spread > limit) {
                fail(
                  [`capacity ${group}: loads spread ${spread}, was ${was.get(group)}`],
                  "a burst",
                );
              }
            }
          }
          current = after;
        }
        break;
      }
      case "close": {
        const target = open[step.pick % Math.max(open.length, 1)];
        if (target) await close(w, target.id);
        break;
      }
      case "return": {
        const target = closed[step.pick % Math.max(closed.length, 1)];
        const handle = target && handles.get(target.id);
        if (handle) await customerWrites(w, { handle });
        break;
      }
      case "status":
        if (name) await setAvailability(w, name, { status: step.status });
        break;
      case "accepts":
        if (name) await setAvailability(w, name, { acceptsChats: step.accepts });
        break;
      case "capacity":
        if (name) await setAvailability(w, name, { capacity: step.capacity });
        break;
      case "remove":
        if (name) {
          await removeMember(w.db, {
            workspaceId: w.workspaceId,
            memberId: w.people[name]?.member.id ?? "",
            actorMemberId: w.admin.member.id,
          });
        }
        break;
      case "hire": {
        hires += 1;
        const hired = `H${hires}`;
        const [user] = await w.db
          .insert(users)
          .values({
            name: hired,
            email: `${hired.toLowerCase()}-${Date.now()}-${Math.random()}@example.test`,
          })
          .returning();
        if (!user) throw new Error("user insert returned nothing");
        const [member] = await w.db
          .insert(members)
          .values({ workspaceId: w.workspaceId, userId: user.id, role: "agent" })
          .returning();
        if (!member) throw new Error("member insert returned nothing");
        w.people[hired] = { user, member };
        names.push(hired);
        await setAvailability(w, hired, { status: "online" });
        if (step.team) {
          await addTeamMember(w.db, {
            workspaceId: w.workspaceId,
            actorMemberId: w.admin.member.id,
            teamId: team.id,
            memberId: member.id,
          });
        }
        break;
      }
    }
    const after = await snapshot(w, team.id);
    fail(checkState(before, after, mode), step.kind);
    before = after;
  }
  for (const event of before.events) {
    const kind =
      event.type === "routed" && event.data.trigger === "queue"
        ? "routedFromQueue"
        : event.type === "reopened" && event.data.sticky
          ? "stickyReopen"
          : event.type === "unassigned" && event.data.reason === "member_removed"
            ? "released"
            : event.type;
    seen[kind] = (seen[kind] ?? 0) + 1;
  }
}

/**
 * One hand-written scenario runs first, so every path the coverage checks below name is
 * exercised whatever the random ones draw: routing, a burst, a close and a sticky return, the
 * whole team going offline (queue), one coming back (routed from the queue), that one's
 * removal while holding conversations (released), and a return to an offline owner.
 */
const everyPath: Scenario = {
  mode: "balanced",
  resetOnClose: false,
  initial: Array.from({ length: 5 }, () => ({ status: "online" as const, capacity: null })),
  steps: [
    { kind: "arrive", team: false },
    { kind: "arrive", team: true },
    { kind: "burst", count: 3 },
    { kind: "close", pick: 0 },
    { kind: "return", pick: 0 },
    ...[0, 1, 2, 3, 4].map((who) => ({ kind: "status" as const, who, status: "offline" as const })),
    { kind: "arrive", team: false },
    { kind: "status", who: 1, status: "online" },
    { kind: "arrive", team: false },
    { kind: "remove", who: 1 },
    // Its owner is offline now: the customer's return reopens it without stickiness.
    { kind: "close", pick: 0 },
    { kind: "return", pick: 0 },
  ],
};

/** What the runs exercised, so a generator that stopped reaching a path fails loudly. */
const seen: Record<string, number> = {};

describe("the assignment engine under random sequences", () => {
  it(`keeps its invariants over ${RUNS} runs of up to ${MAX_STEPS} steps`, async () => {
    await fc.assert(fc.asyncProperty(scenario, run), {
      numRuns: RUNS,
      examples: [[everyPath]],
      // Shrinking would replay whole scenarios against the database for minutes; the failure
      // message already lists every step, and the seed replays it.
      endOnFailure: true,
    });
    for (const kind of ["routed", "queued", "routedFromQueue", "closed", "reopened"]) {
      expect(seen[kind] ?? 0, `${kind} events over all runs`).toBeGreaterThan(0);
    }
    if (RUNS >= 20) {
      expect(seen.stickyReopen ?? 0, "sticky reopens").toBeGreaterThan(0);
      expect(seen.released ?? 0, "conversations released by a removal").toBeGreaterThan(0);
    }
    console.log(`[assignment properties] events over ${RUNS} runs: ${JSON.stringify(seen)}`);
  }, 480_000);

  it("checks what it claims: a doctored row fails the checks", async () => {
    const w = await buildWorld({ people: { A: "agent" }, mode: "balanced" });
    const [team] = await w.db
      .insert(teams)
      .values({ workspaceId: w.workspaceId, name: "T" })
      .returning();
    if (!team) throw new Error("team insert returned nothing");
    await setAvailability(w, "A", { status: "online", capacity: 1 });
    const { conversation } = await customerWrites(w);
    const before = await snapshot(w, team.id);
    expect(checkState(before, before, "balanced")).toEqual([]);
    // Behind the engine's back: over capacity, and a history that no longer matches.
    const { conversation: second } = await customerWrites(w);
    await w.db
      .update(conversations)
      .set({ assigneeId: w.people.A?.member.id ?? null, queuedAt: null })
      .where(and(eq(conversations.id, second.id)));
    const after = await snapshot(w, team.id);
    const problems = checkState(before, after, "balanced").join("\n");
    expect(problems).toContain("over capacity 1");
    expect(problems).toContain(`conversation ${second.id}: row says`);
    expect(conversation.assigneeId).toBe(w.people.A?.member.id);
  });
});
