import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { aiAgents, workspaces } from "@/db/schema";
import { assignAgent, endAgentSession } from "@/lib/assignment/agent-sessions";
import { assignMember, claimConversation } from "@/lib/assignment/assign-conversation";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { sendMessage } from "@/lib/conversations/send-message";
import { setConversationStatus } from "@/lib/conversations/set-status";
import { buildReport, reportScopeFor } from "@/lib/reports/build-report";
import { reportCsv, reportCsvFileName } from "@/lib/reports/report-csv";
import { reportFiltersSchema } from "@/lib/reports/report-query";
import type { MemberRow, Report } from "@/lib/reports/report-types";
import { buildWorld, viewerOf, who, workspaceOf } from "../support/assignment-world";
import { rawRows } from "../support/factories";
import { csvRecords } from "../support/reports-csv";
import {
  buildLosAngeles,
  buildTokyo,
  type Fixture,
  la,
  rollupsAndRecomputation,
  tokyo,
} from "../support/reports-fixture";

/**
 * Every figure below is worked out by hand from the timeline in tests/support/reports-fixture.ts
 * (times are local). Los Angeles range: 9–10 March 2026 = [03-09 07:00Z, 03-11 07:00Z).
 */

let LA: Fixture;
let TK: Fixture;

const filters = (input: Parameters<typeof reportFiltersSchema.parse>[0]) =>
  reportFiltersSchema.parse(input);
const laRange = { range: "custom", from: "2026-03-09", to: "2026-03-10" } as const;

async function laReport(extra: Record<string, string> = {}, scope: "all" | string = "all") {
  return buildReport(LA.world.db, {
    workspace: LA.workspace,
    scope: scope === "all" ? { all: true } : { memberId: scope },
    filters: filters({ ...laRange, ...extra }),
    now: la("2026-03-12 12:00"),
  });
}

const rowOf = (report: Report, memberId: string): MemberRow => {
  const row = report.members.find((m) => m.memberId === memberId);
  if (!row) throw new Error(`no row for ${memberId}`);
  return row;
};

beforeAll(async () => {
  LA = await buildLosAngeles();
  TK = await buildTokyo();
}, 120_000);

describe("reports: Los Angeles, whole workspace", () => {
  let report: Report;
  beforeAll(async () => {
    report = await laReport();
  });

  it("resolves the range to Los Angeles midnights", () => {
    expect(report.range).toMatchObject({
      fromDay: "2026-03-09",
      toDay: "2026-03-10",
      days: ["2026-03-09", "2026-03-10"],
      start: "2026-03-09T07:00:00.000Z",
      end: "2026-03-11T07:00:00.000Z",
      timeZone: "America/Los_Angeles",
    });
  });

  it("shows every member who may reply, plus the removed one with figures, by name", () => {
    // Vic (Viewer) has no figures: not shown. Rae was removed but worked in the range.
    expect(report.members.map((m) => m.name)).toEqual(["Admin", "Ann", "Bob", "Cy", "Rae"]);
    expect(rowOf(report, LA.id("Rae")).removed).toBe(true);
  });

  it("computes each member's row", () => {
    const total = 6; // Ann 2 + Bob 2 + Cy 1 + Rae 1 distinct conversations assigned in range
    expect(report.totals).toEqual({
      assigned: total,
      closed: 3, // c1 (Ann), c4 (Cy), c5 (nobody) — c0 closed before the range
      messagesSent: 5, // Ann c1 00:15 + c2 10:30, Bob c2 09:20, Cy c4 13:30, Rae c6 09:10
      inbound: 9, // c2 09:00, 09:40; c3 23:30; c4 12:00, 12:05, 12:10; c5 08:00, 08:02; c6 09:00
    });
    expect(rowOf(report, LA.id("Ann"))).toEqual({
      memberId: LA.id("Ann"),
      name: "Ann",
      role: "agent",
      removed: false,
      assigned: 2, // c1 claimed 03-09 00:10, c2 from the Admin 10:00 (c0 was on 03-08)
      closed: 1, // c1 at 01:00
      openNow: 1, // c2
      messagesSent: 2,
      firstResponseMedianSeconds: 1050, // c1 00:10→00:15 = 300, c2 10:00→10:30 = 1800; (300+1800)/2
      firstResponseP90Seconds: 1650, // 300 + 0.9 × (1800 − 300)
      unanswered: 0,
      resolutionMedianSeconds: 4200, // c1: customer 03-08 23:50 → close 03-09 01:00 = 70 min
      reassignedAway: 0,
      loadShare: 2 / total,
    });
    expect(rowOf(report, LA.id("Bob"))).toEqual({
      memberId: LA.id("Bob"),
      name: "Bob",
      role: "agent",
      removed: false,
      assigned: 2, // c2 self-assigned 09:20, c3 from the Admin 03-10 23:40
      closed: 0,
      openNow: 1, // c3
      messagesSent: 1, // c2 09:20
      firstResponseMedianSeconds: 1200, // self-assign: c2's first customer message 09:00 → 09:20
      firstResponseP90Seconds: 1200,
      unanswered: 1, // c3
      resolutionMedianSeconds: null,
      reassignedAway: 1, // c2 handed to Ann at 10:00
      loadShare: 2 / total,
    });
    expect(rowOf(report, LA.id("Cy"))).toMatchObject({
      role: "manager",
      assigned: 1, // c4 claimed 13:00 after Ava's handoff
      closed: 1,
      openNow: 0,
      messagesSent: 1,
      firstResponseMedianSeconds: 1800, // 13:00 → 13:30
      firstResponseP90Seconds: 1800,
      unanswered: 0,
      resolutionMedianSeconds: 7200, // c4: customer 12:00 → close 14:00
      reassignedAway: 0,
      loadShare: 1 / total,
    });
    expect(rowOf(report, LA.id("Rae"))).toMatchObject({
      assigned: 1, // c6 09:05
      closed: 0,
      openNow: 0, // released on removal
      messagesSent: 1,
      firstResponseMedianSeconds: 300, // 09:05 → 09:10
      unanswered: 0,
      reassignedAway: 1, // released by the removal at 09:30
      loadShare: 1 / total,
    });
    expect(rowOf(report, LA.id("Admin"))).toMatchObject({
      assigned: 0,
      closed: 0,
      messagesSent: 0,
      firstResponseMedianSeconds: null,
      loadShare: 0,
    });
  });

  it("computes the AI agent's row", () => {
    expect(report.agents).toEqual([
      {
        agentId: LA.agentId,
        name: "Ava",
        deleted: false,
        sessions: 2, // c4 12:01, c5 08:01
        resolvedWithoutHuman: 1, // c5 closed with no member reply; c4 had Cy's
        handoffs: 1, // c4 12:12
        handoffRate: 0.5, // 1 / 2
        handoffReasons: [{ reason: "handoff", detail: "Customer asked for a refund", count: 1 }],
        medianReplySeconds: 45, // c4 12:05→12:06 = 60, c5 08:02→08:02:30 = 30; (60+30)/2
      },
    ]);
  });

  it("computes the charts", () => {
    const series = Object.fromEntries(
      report.charts.assignmentsPerDay.series.map((s) => [s.name, s.counts]),
    );
    // [03-09, 03-10]: Ann c1, c2 | Bob c2, then c3 at 23:40 local (already 03-11 in UTC) | …
    expect(series).toEqual({
      Admin: [0, 0],
      Ann: [2, 0],
      Bob: [1, 1],
      Cy: [1, 0],
      Rae: [0, 1],
    });
    expect(report.charts.openLoad.map((bar) => [bar.name, bar.open, bar.capacity])).toEqual([
      ["Admin", 0, null],
      ["Ann", 1, 5],
      ["Bob", 1, null],
      ["Cy", 0, null],
      ["Rae", 0, null],
    ]);
    // 9 March 2026 is a Monday (1), the 10th a Tuesday (2).
    const busy = report.charts.busiestHours.filter((cell) => cell.inbound > 0);
    expect(busy).toEqual([
      { weekday: 1, hour: 9, inbound: 2 }, // c2 09:00, 09:40
      { weekday: 1, hour: 12, inbound: 3 }, // c4 12:00, 12:05, 12:10
      { weekday: 2, hour: 8, inbound: 2 }, // c5 08:00, 08:02
      { weekday: 2, hour: 9, inbound: 1 }, // c6 09:00
      { weekday: 2, hour: 23, inbound: 1 }, // c3 23:30 (its 00:10 message is on the 11th)
    ]);
    expect(report.charts.busiestHours).toHaveLength(168);
    expect(report.charts.firstResponseTrend).toEqual([
      // 03-09: 300 (Ann c1), 1200 (Bob c2), 1800 (Ann c2), 1800 (Cy c4) → (1200+1800)/2
      { day: "2026-03-09", medianSeconds: 1500, answered: 4 },
      // 03-10: Rae c6 300; Bob's c3 is unanswered
      { day: "2026-03-10", medianSeconds: 300, answered: 1 },
    ]);
  });

  it("measures fairness over the eligible members", () => {
    // Admin 0, Ann 2, Bob 2, Cy 1 (Rae removed, Vic a Viewer): mean 1.25,
    // variance (1.5625 + 0.5625 + 0.5625 + 0.0625) / 4 = 0.6875, sd 0.8292 → cv 0.6633
    expect(report.fairness).toMatchObject({ eligibleMembers: 4, min: 0, max: 2, mean: 1.25 });
    expect(report.fairness?.coefficientOfVariation).toBeCloseTo(Math.sqrt(0.6875) / 1.25, 10);
    expect(report.fairness?.definition).toMatch(/not removed/);
  });
});

describe("reports: filters and scope", () => {
  it("a team filter keeps the team's conversations (team at assignment) and its members", async () => {
    const report = await laReport({ teamId: LA.teamId });
    // Support conversations: c1 (Ann), c3 (Bob), c4 (Cy — Support since the handoff at 12:12).
    // Cy is not in Support, yet his figures are: his row is shown, so the rows add up to the
    // totals (fairness still weighs the team's members only).
    expect(report.members.map((m) => m.name)).toEqual(["Ann", "Bob", "Cy"]);
    expect(report.totals).toEqual({ assigned: 3, closed: 2, messagesSent: 2, inbound: 1 });
    expect(rowOf(report, LA.id("Ann"))).toMatchObject({
      assigned: 1,
      closed: 1,
      openNow: 0, // c2 has no team
      messagesSent: 1, // c1 00:15
      firstResponseMedianSeconds: 300,
      resolutionMedianSeconds: 4200,
      reassignedAway: 0, // c2 has no team
      loadShare: 1 / 3,
    });
    expect(rowOf(report, LA.id("Bob"))).toMatchObject({
      assigned: 1,
      openNow: 1,
      messagesSent: 0,
      firstResponseMedianSeconds: null,
      unanswered: 1,
      loadShare: 1 / 3,
    });
    // Support's inbound in range: only c3 23:30 (Tuesday). c1's message was on 03-08, and all
    // of c4's (12:00, 12:05, 12:10) came before the handoff at 12:12 gave it the team.
    expect(report.charts.busiestHours.filter((cell) => cell.inbound > 0)).toEqual([
      { weekday: 2, hour: 23, inbound: 1 },
    ]);
    expect(report.fairness).toMatchObject({ eligibleMembers: 2, min: 1, max: 1, mean: 1 });
    expect(report.fairness?.coefficientOfVariation).toBe(0);
    // Sessions (and their handoffs) follow the team the conversation had when the session
    // started: c4 had none then — its handoff is what moved it into Support — and c5 has
    // none. Before, the handoff team took the session along: Support showed Ava with one
    // session and a 100% handoff rate it never had. Her reply on c4 came before the handoff.
    expect(report.agents[0]).toMatchObject({
      sessions: 0,
      handoffs: 0,
      handoffRate: null,
      resolvedWithoutHuman: 0,
      medianReplySeconds: null,
    });
  });

  it("a channel filter keeps that channel's conversations", async () => {
    const report = await laReport({ channel: "web_chat" });
    expect(report.totals).toEqual({ assigned: 1, closed: 0, messagesSent: 0, inbound: 1 });
    expect(rowOf(report, LA.id("Bob"))).toMatchObject({ assigned: 1, unanswered: 1, openNow: 1 });
    expect(rowOf(report, LA.id("Ann"))).toMatchObject({ assigned: 0, openNow: 0 });
  });

  it("an Agent sees only their own row and charts; a Viewer sees no report", async () => {
    expect(reportScopeFor({ id: LA.id("Bob"), role: "agent" })).toEqual({ memberId: LA.id("Bob") });
    expect(reportScopeFor({ id: LA.id("Cy"), role: "manager" })).toEqual({ all: true });
    expect(reportScopeFor({ id: LA.id("Vic"), role: "viewer" })).toBeNull();
    const report = await laReport({}, LA.id("Bob"));
    expect(report.scope).toBe("own");
    expect(report.members.map((m) => m.name)).toEqual(["Bob"]);
    expect(rowOf(report, LA.id("Bob"))).toMatchObject({ assigned: 2, loadShare: 2 / 6 });
    expect(report.agents).toEqual([]);
    expect(report.fairness).toBeNull();
    expect(report.charts.assignmentsPerDay.series).toEqual([
      { memberId: LA.id("Bob"), name: "Bob", counts: [1, 1] },
    ]);
    expect(report.charts.openLoad.map((bar) => bar.name)).toEqual(["Bob"]);
    // Customers' messages while a conversation was Bob's: c2 09:40 (his from 09:20 to 10:00).
    expect(report.charts.busiestHours.filter((cell) => cell.inbound > 0)).toEqual([
      { weekday: 1, hour: 9, inbound: 1 },
    ]);
    expect(report.charts.firstResponseTrend).toEqual([
      { day: "2026-03-09", medianSeconds: 1200, answered: 1 },
      { day: "2026-03-10", medianSeconds: null, answered: 0 },
    ]);
    expect(report.totals).toEqual({ assigned: 6, closed: 0, messagesSent: 1, inbound: 1 });
  });
});

describe("reports: Tokyo, across Tokyo's midnight", () => {
  it("counts 11 March in Tokyo time, with reset on close", async () => {
    const report = await buildReport(TK.world.db, {
      workspace: TK.workspace,
      scope: { all: true },
      filters: filters({ range: "today" }),
      now: tokyo("2026-03-11 12:00"),
    });
    // Today in Tokyo = [03-10 15:00Z, 03-11 15:00Z).
    expect(report.range).toMatchObject({
      fromDay: "2026-03-11",
      start: "2026-03-10T15:00:00.000Z",
      end: "2026-03-11T15:00:00.000Z",
    });
    expect(report.totals).toEqual({ assigned: 2, closed: 1, messagesSent: 2, inbound: 1 });
    expect(rowOf(report, TK.id("Kei"))).toMatchObject({
      assigned: 1, // d2 at 08:15 and again at 10:30: one conversation (d1 was claimed the day before)
      closed: 1, // d1 at 00:30, reset on close: counted for Kei, who owned it
      openNow: 1, // d2
      messagesSent: 2, // d1 00:20, d2 09:15
      firstResponseMedianSeconds: 3600, // d2 08:15 → 09:15 (d1's answer belongs to yesterday's assignment)
      unanswered: 1, // d2 from 10:30
      resolutionMedianSeconds: 2400, // d1 23:50 → 00:30
      reassignedAway: 2, // d1 reset on close at 00:30, d2 back to Mio at 10:00
      loadShare: 0.5,
    });
    expect(rowOf(report, TK.id("Mio"))).toMatchObject({
      assigned: 1, // d2 at 08:10 and 10:00
      unanswered: 1, // one conversation, as assigned counts it, not one per hand-over
      firstResponseMedianSeconds: null,
      reassignedAway: 2, // d2 to Kei at 08:15 and 10:30
      loadShare: 0.5,
    });
    expect(report.charts.assignmentsPerDay.series.map((s) => [s.name, s.counts])).toEqual([
      ["Admin", [0]],
      ["Kei", [1]],
      ["Mio", [1]],
    ]);
    // 11 March 2026 is a Wednesday (3): d2 08:00; d1's 23:50 was on the 10th.
    expect(report.charts.busiestHours.filter((cell) => cell.inbound > 0)).toEqual([
      { weekday: 3, hour: 8, inbound: 1 },
    ]);
    expect(report.charts.firstResponseTrend).toEqual([
      { day: "2026-03-11", medianSeconds: 3600, answered: 1 },
    ]);
  });
});

describe("reports: the rollups", () => {
  it("equal a recomputation from the events and messages", async () => {
    for (const fixture of [LA, TK]) {
      for (const { table, kept, recomputed } of await rollupsAndRecomputation(
        fixture.world.workspaceId,
      )) {
        if (fixture === LA) expect(kept.length, table).toBeGreaterThan(0);
        expect(kept, table).toEqual(recomputed);
      }
    }
  });

  it("follow a time-zone change, and a rebuild gives the same report", async () => {
    const before = await laReport();
    await LA.world.db.execute(sql`select report_rebuild(${LA.world.workspaceId}::uuid)`);
    expect(await laReport()).toEqual(before);

    await LA.world.db
      .update(workspaces)
      .set({ timeZone: "Asia/Tokyo" })
      .where(eq(workspaces.id, LA.world.workspaceId));
    for (const { table, kept, recomputed } of await rollupsAndRecomputation(LA.world.workspaceId)) {
      expect(kept, table).toEqual(recomputed);
    }
    const [row] = await rawRows<{ days: string[] }>(
      sql`select array_agg(distinct day::text order by day::text) as days from report_inbound_hours
        where workspace_id = ${LA.world.workspaceId}`,
    );
    // In Tokyo, c3's 03-10 23:30 PDT message is on 03-11 15:30 JST.
    expect(row?.days).toContain("2026-03-11");
    await LA.world.db
      .update(workspaces)
      .set({ timeZone: "America/Los_Angeles" })
      .where(eq(workspaces.id, LA.world.workspaceId));
    expect(await laReport()).toEqual(before);
  });
});

describe("reports: CSV", () => {
  it("every table's CSV carries the report's figures", async () => {
    const report = await laReport();
    const members = csvRecords(reportCsv(report, "members"));
    expect(members.map((m) => m.name)).toEqual(["Admin", "Ann", "Bob", "Cy", "Rae"]);
    expect(members[1]).toEqual({
      member_id: LA.id("Ann"),
      name: "Ann",
      role: "agent",
      removed: "false",
      assigned: "2",
      closed: "1",
      open_now: "1",
      messages_sent: "2",
      first_response_median_s: "1050",
      first_response_median: "17m 30s", // 1050 s
      first_response_p90_s: "1650",
      first_response_p90: "27m 30s", // 1650 s
      unanswered: "0",
      resolution_median_s: "4200",
      resolution_median: "1h 10m", // 4200 s
      reassigned_away: "0",
      load_share: "0.3333", // 2 / 6
    });
    expect(members[2]).toMatchObject({
      name: "Bob",
      assigned: "2",
      first_response_median_s: "1200",
      first_response_median: "20m 00s",
      unanswered: "1",
      resolution_median_s: "",
      resolution_median: "",
      reassigned_away: "1",
    });
    expect(members[4]).toMatchObject({ name: "Rae", removed: "true", reassigned_away: "1" });

    expect(csvRecords(reportCsv(report, "agents"))).toEqual([
      {
        agent_id: LA.agentId,
        name: "Ava",
        deleted: "false",
        sessions: "2",
        resolved_without_human: "1",
        handoffs: "1",
        handoff_rate: "0.5",
        handoff_reasons: "handoff: Customer asked for a refund (1)",
        median_reply_s: "45",
        median_reply: "45s",
      },
    ]);
    expect(csvRecords(reportCsv(report, "fairness"))).toEqual([
      {
        eligible_members: "4",
        min: "0",
        max: "2",
        mean: "1.25",
        coefficient_of_variation: "0.6633", // sqrt(0.6875) / 1.25 = 0.66332…
        definition: report.fairness?.definition,
      },
    ]);
    const perDay = csvRecords(reportCsv(report, "assignments-per-day"));
    expect(perDay).toHaveLength(10); // 2 days × 5 members
    expect(
      perDay.filter((r) => r.assigned !== "0").map((r) => [r.day, r.name, r.assigned]),
    ).toEqual([
      ["2026-03-09", "Ann", "2"],
      ["2026-03-09", "Bob", "1"],
      ["2026-03-09", "Cy", "1"],
      ["2026-03-10", "Bob", "1"],
      ["2026-03-10", "Rae", "1"],
    ]);
    expect(
      csvRecords(reportCsv(report, "open-load")).map((r) => [r.name, r.open, r.capacity]),
    ).toEqual([
      ["Admin", "0", ""],
      ["Ann", "1", "5"],
      ["Bob", "1", ""],
      ["Cy", "0", ""],
      ["Rae", "0", ""],
    ]);
    const hours = csvRecords(reportCsv(report, "busiest-hours"));
    expect(hours).toHaveLength(168);
    expect(hours.filter((r) => r.inbound !== "0")).toEqual([
      { weekday: "1", weekday_name: "Monday", hour: "9", inbound: "2" },
      { weekday: "1", weekday_name: "Monday", hour: "12", inbound: "3" },
      { weekday: "2", weekday_name: "Tuesday", hour: "8", inbound: "2" },
      { weekday: "2", weekday_name: "Tuesday", hour: "9", inbound: "1" },
      { weekday: "2", weekday_name: "Tuesday", hour: "23", inbound: "1" },
    ]);
    expect(csvRecords(reportCsv(report, "first-response-trend"))).toEqual([
      {
        day: "2026-03-09",
        median_first_response_s: "1500",
        median_first_response: "25m 00s",
        answered: "4",
      },
      {
        day: "2026-03-10",
        median_first_response_s: "300",
        median_first_response: "5m 00s",
        answered: "1",
      },
    ]);
    expect(reportCsvFileName(report, "members")).toBe("report-members-2026-03-09-2026-03-10.csv");
  });

  it("the CSV follows the filters and the scope", async () => {
    const team = csvRecords(reportCsv(await laReport({ teamId: LA.teamId }), "members"));
    expect(team.map((r) => [r.name, r.assigned, r.load_share])).toEqual([
      ["Ann", "1", "0.3333"],
      ["Bob", "1", "0.3333"],
      ["Cy", "1", "0.3333"], // not in Support, but c4 was Support's when he had it
    ]);
    const own = await laReport({}, LA.id("Bob"));
    expect(csvRecords(reportCsv(own, "members")).map((r) => r.name)).toEqual(["Bob"]);
    expect(csvRecords(reportCsv(own, "agents"))).toEqual([]);
    expect(csvRecords(reportCsv(own, "fairness"))).toEqual([]);
  });

  it("quotes as RFC 4180 says and defuses formulas", async () => {
    const report = await laReport();
    const odd = {
      ...report,
      members: report.members.map((m, i) =>
        i === 0 ? { ...m, name: 'Doe, "JJ"\r\nSr' } : i === 1 ? { ...m, name: "=HYPERLINK(1)" } : m,
      ),
    };
    const text = reportCsv(odd, "members");
    expect(text).toContain(`,"Doe, ""JJ""\r\nSr",`);
    expect(
      csvRecords(text)
        .map((r) => r.name)
        .slice(0, 2),
    ).toEqual(['Doe, "JJ"\r\nSr', "'=HYPERLINK(1)"]);
    expect(text.endsWith("\r\n")).toBe(true);
  });
});

describe("reports: a conversation reopened weeks after its first close", () => {
  it("measures each close from the customer message that opened its own episode", async () => {
    const world = await buildWorld({ people: { Ann: "agent" } });
    const ann = who(world, "Ann").member.id;
    const at = (iso: string) => new Date(`${iso}:00Z`);
    const customer = (now: Date) =>
      receiveInboundMessage(world.db, {
        workspaceId: world.workspaceId,
        channel: "api",
        handle: "returning-customer",
        body: "Hello again",
        now,
      });
    const episode = async (conversationId: string, times: [string, string, string]) => {
      const viewer = await viewerOf(world, "Ann");
      await claimConversation(world.db, { viewer, conversationId, now: at(times[0]) });
      await sendMessage(world.db, {
        viewer,
        conversationId,
        body: "On it",
        note: false,
        now: at(times[1]),
      });
      await setConversationStatus(world.db, {
        viewer,
        conversationId,
        status: "closed",
        now: at(times[2]),
      });
    };
    const { conversation } = await customer(at("2026-04-01T09:00"));
    await episode(conversation.id, ["2026-04-01T09:05", "2026-04-01T09:10", "2026-04-01T09:20"]);
    const again = await customer(at("2026-05-01T10:00")); // reopens it a month later
    expect(again.conversation.id).toBe(conversation.id);
    await episode(conversation.id, ["2026-05-01T10:01", "2026-05-01T10:02", "2026-05-01T10:05"]);

    const workspace = await workspaceOf(world);
    const report = (from: string, to: string) =>
      buildReport(world.db, {
        workspace,
        scope: { all: true },
        filters: filters({ range: "custom", from, to }),
        now: at("2026-05-02T12:00"),
      });
    // The second close: five minutes from the customer's return, not a month and five minutes.
    expect(rowOf(await report("2026-05-01", "2026-05-01"), ann)).toMatchObject({
      closed: 1,
      resolutionMedianSeconds: 300,
    });
    // Both closes (one conversation): the median of 20 minutes and 5 minutes.
    expect(rowOf(await report("2026-04-01", "2026-05-01"), ann)).toMatchObject({
      closed: 1,
      resolutionMedianSeconds: 750,
    });
    for (const { table, kept, recomputed } of await rollupsAndRecomputation(world.workspaceId)) {
      expect(kept, table).toEqual(recomputed);
    }
  });
});

describe("reports: a first reply that makes its writer the assignee (self-assign)", () => {
  it("is timed from the customer's message of this episode, or from the AI agent's handoff", async () => {
    const world = await buildWorld({ people: { Ann: "agent" } });
    const ann = who(world, "Ann").member.id;
    const at = (iso: string) => new Date(`${iso}:00Z`);
    const customer = (handle: string, now: Date) =>
      receiveInboundMessage(world.db, {
        workspaceId: world.workspaceId,
        channel: "api",
        handle,
        body: "Hello?",
        now,
      });
    const annReplies = async (conversationId: string, now: Date) =>
      sendMessage(world.db, {
        viewer: await viewerOf(world, "Ann"),
        conversationId,
        body: "Here to help",
        note: false,
        now,
      });
    const admin = await viewerOf(world);

    // Closed unanswered, then the customer comes back a month later; Ann answers in 2 minutes.
    const { conversation: returning } = await customer("returning", at("2026-04-01T09:00"));
    await setConversationStatus(world.db, {
      viewer: admin,
      conversationId: returning.id,
      status: "closed",
      now: at("2026-04-01T09:30"),
    });
    await customer("returning", at("2026-05-01T10:00"));
    await annReplies(returning.id, at("2026-05-01T10:02"));

    // An AI agent handles another customer for 40 minutes; once it is taken off, Ann answers a
    // minute later.
    const [agent] = await world.db
      .insert(aiAgents)
      .values({ workspaceId: world.workspaceId, name: "Ava", instructions: "Be brief." })
      .returning();
    const { conversation: handled } = await customer("handled", at("2026-05-01T11:00"));
    await assignAgent(world.db, {
      viewer: admin,
      conversationId: handled.id,
      agentId: agent?.id ?? "",
      sendInitialMessage: false,
      now: at("2026-05-01T11:00"),
    });
    await endAgentSession(world.db, {
      viewer: admin,
      conversationId: handled.id,
      reason: "ended_by_member",
      now: at("2026-05-01T11:40"),
    });
    await annReplies(handled.id, at("2026-05-01T11:41"));

    const report = await buildReport(world.db, {
      workspace: await workspaceOf(world),
      scope: { all: true },
      filters: filters({ range: "custom", from: "2026-05-01", to: "2026-05-01" }),
      now: at("2026-05-02T12:00"),
    });
    // 2 minutes and 1 minute: not a month, not the AI's 40 minutes.
    expect(rowOf(report, ann)).toMatchObject({
      assigned: 2,
      firstResponseMedianSeconds: 90,
      firstResponseP90Seconds: 114, // percentile_cont: 60 + 0.9 × 60
    });
    for (const { table, kept, recomputed } of await rollupsAndRecomputation(world.workspaceId)) {
      expect(kept, table).toEqual(recomputed);
    }
  });
});

describe("reports: a conversation handed back and forth without an answer", () => {
  it("counts one unanswered conversation per member, not one per hand-over", async () => {
    const world = await buildWorld({ people: { Ann: "agent", Bob: "agent" } });
    const admin = await viewerOf(world);
    const at = (iso: string) => new Date(`${iso}:00Z`);
    const { conversation } = await receiveInboundMessage(world.db, {
      workspaceId: world.workspaceId,
      channel: "api",
      handle: "ping-pong",
      body: "Anyone?",
      now: at("2026-06-01T09:00"),
    });
    const hand = (name: string, iso: string) =>
      assignMember(world.db, {
        viewer: admin,
        conversationId: conversation.id,
        memberId: who(world, name).member.id,
        now: at(iso),
      });
    await hand("Ann", "2026-06-01T09:01");
    await hand("Bob", "2026-06-01T09:02");
    await hand("Ann", "2026-06-01T09:03");
    await hand("Bob", "2026-06-01T09:04");
    const report = await buildReport(world.db, {
      workspace: await workspaceOf(world),
      scope: { all: true },
      filters: filters({ range: "custom", from: "2026-06-01", to: "2026-06-01" }),
      now: at("2026-06-02T12:00"),
    });
    for (const name of ["Ann", "Bob"]) {
      expect(rowOf(report, who(world, name).member.id)).toMatchObject({
        assigned: 1,
        unanswered: 1,
      });
    }
  });
});
