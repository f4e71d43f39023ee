import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/workspaces/[workspace]/reports/export/route";
import { teams } from "@/db/schema";
import type { Actor } from "@/lib/auth/actions";
import { buildReport } from "@/lib/reports/build-report";
import { reportCsv } from "@/lib/reports/report-csv";
import { reportFiltersSchema } from "@/lib/reports/report-query";
import { buildWorld, who } from "../support/assignment-world";
import { csvRecords, parseCsv } from "../support/reports-csv";
import { buildLosAngeles, type Fixture } from "../support/reports-fixture";

/**
 * The reports' CSV export route: the same door, filters and scope as the page. Figures come
 * from tests/support/reports-fixture.ts (Los Angeles, 9–10 March 2026), worked out by hand in
 * tests/integration/reports.test.ts.
 */

let LA: Fixture;
let foreignAdmin: Actor;
let foreignTeamId: string;

const laRange = "range=custom&from=2026-03-09&to=2026-03-10";

const actor = (name: "Admin" | "Ann" | "Cy" | "Vic"): Actor => ({
  userId: name === "Admin" ? LA.world.admin.user.id : who(LA.world, name).user.id,
});

function exportAs(as: Actor, query: string, slug = LA.world.slug) {
  return GET.run(as, new Request(`http://test/api/workspaces/${slug}/reports/export?${query}`), {
    workspace: slug,
  });
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

beforeAll(async () => {
  LA = await buildLosAngeles();
  const elsewhere = await buildWorld();
  foreignAdmin = { userId: elsewhere.admin.user.id };
  const [team] = await elsewhere.db
    .insert(teams)
    .values({ workspaceId: elsewhere.workspaceId, name: "Elsewhere support" })
    .returning();
  if (!team) throw new Error("team insert returned nothing");
  foreignTeamId = team.id;
}, 120_000);

describe("GET /api/workspaces/:workspace/reports/export", () => {
  it("gives an Admin every member's row as a CSV attachment named by table and range", async () => {
    const response = await exportAs(actor("Admin"), `table=members&${laRange}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="report-members-2026-03-09-2026-03-10.csv"',
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    // A UTF-8 byte-order mark first, so Excel reads the names right.
    const bytes = new Uint8Array(await response.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await response.text();
    expect(parseCsv(text)[0]).toEqual([
      "member_id",
      "name",
      "role",
      "removed",
      "assigned",
      "closed",
      "open_now",
      "messages_sent",
      "first_response_median_s",
      "first_response_median",
      "first_response_p90_s",
      "first_response_p90",
      "unanswered",
      "resolution_median_s",
      "resolution_median",
      "reassigned_away",
      "load_share",
    ]);
    const rows = csvRecords(text);
    expect(rows.map((row) => row.name)).toEqual(["Admin", "Ann", "Bob", "Cy", "Rae"]);
    expect(rows.find((row) => row.name === "Ann")).toMatchObject({
      member_id: LA.id("Ann"),
      assigned: "2",
      closed: "1",
      open_now: "1",
      messages_sent: "2",
      first_response_median_s: "1050",
      first_response_median: "17m 30s",
      first_response_p90_s: "1650",
      resolution_median_s: "4200",
      resolution_median: "1h 10m",
      load_share: "0.3333",
    });
  });

  it("applies the page's filters: team, channel and range, exactly as the report does", async () => {
    const byTeam = csvRecords(
      await (await exportAs(actor("Admin"), `table=members&${laRange}&team=${LA.teamId}`)).text(),
    );
    // Cy is not in Support but has its figures (c4): shown, as on the page.
    expect(byTeam.map((row) => row.name)).toEqual(["Ann", "Bob", "Cy"]);

    const query = `${laRange}&team=${LA.teamId}&channel=web_chat`;
    const report = await buildReport(LA.world.db, {
      workspace: LA.workspace,
      scope: { all: true },
      filters: reportFiltersSchema.parse({
        range: "custom",
        from: "2026-03-09",
        to: "2026-03-10",
        teamId: LA.teamId,
        channel: "web_chat",
      }),
      now: new Date(),
    });
    for (const table of ["members", "assignments-per-day", "busiest-hours"] as const) {
      const response = await exportAs(actor("Admin"), `table=${table}&${query}`);
      expect(await response.text(), table).toBe(reportCsv(report, table));
    }
  });

  it("takes every table by its name, with underscores too", async () => {
    const load = await exportAs(actor("Admin"), `table=open_load&${laRange}`);
    expect(load.status).toBe(200);
    expect(load.headers.get("content-disposition")).toContain("report-open-load-2026-03-09");
    expect(csvRecords(await load.text()).map((row) => [row.name, row.open, row.capacity])).toEqual([
      ["Admin", "0", ""],
      ["Ann", "1", "5"],
      ["Bob", "1", ""],
      ["Cy", "0", ""],
      ["Rae", "0", ""],
    ]);
    const agents = csvRecords(
      await (await exportAs(actor("Admin"), `table=agents&${laRange}`)).text(),
    );
    expect(agents).toMatchObject([
      { name: "Ava", sessions: "2", handoffs: "1", handoff_rate: "0.5" },
    ]);
    for (const table of [
      "fairness",
      "first_response_trend",
      "assignments_per_day",
      "busiest_hours",
    ]) {
      expect((await exportAs(actor("Admin"), `table=${table}&${laRange}`)).status, table).toBe(200);
    }
  });

  it("gives an Agent their own row only, and no AI agents or fairness", async () => {
    const members = csvRecords(
      await (await exportAs(actor("Ann"), `table=members&${laRange}`)).text(),
    );
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ name: "Ann", assigned: "2", messages_sent: "2" });
    const load = csvRecords(
      await (await exportAs(actor("Ann"), `table=open-load&${laRange}`)).text(),
    );
    expect(load.map((row) => row.name)).toEqual(["Ann"]);
    const perDay = csvRecords(
      await (await exportAs(actor("Ann"), `table=assignments-per-day&${laRange}`)).text(),
    );
    expect(new Set(perDay.map((row) => row.name))).toEqual(new Set(["Ann"]));
    for (const table of ["agents", "fairness"]) {
      const response = await exportAs(actor("Ann"), `table=${table}&${laRange}`);
      expect(response.status).toBe(200);
      expect(parseCsv(await response.text()), table).toHaveLength(1); // the header alone
    }
    // A Manager sees everyone, as an Admin does.
    const managers = csvRecords(
      await (await exportAs(actor("Cy"), `table=members&${laRange}`)).text(),
    );
    expect(managers).toHaveLength(5);
  });

  it("refuses a Viewer (403), a stranger (401) and another workspace's Admin (404)", async () => {
    const viewer = await exportAs(actor("Vic"), `table=members&${laRange}`);
    expect(viewer.status).toBe(403);
    expect((await errorOf(viewer)).code).toBe("forbidden");

    const visitor = await exportAs({ userId: null }, `table=members&${laRange}`);
    expect(visitor.status).toBe(401);

    const foreign = await exportAs(foreignAdmin, `table=members&${laRange}`);
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain("Ann");
  });

  it("answers 404 for another workspace's team, without naming it", async () => {
    const response = await exportAs(
      actor("Admin"),
      `table=members&${laRange}&team=${foreignTeamId}`,
    );
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).not.toContain("Elsewhere support");
    expect(JSON.parse(text)).toMatchObject({ error: { code: "not_found" } });
  });

  it("answers 422 with a message a person can act on for a bad table or range", async () => {
    const cases: [string, string][] = [
      [`${laRange}`, "Pick a table"],
      [`table=everything&${laRange}`, "Pick a table"],
      ["table=members&range=year", "Pick today, 7 days, 30 days or custom."],
      ["table=members&range=custom&from=2026-03-10", "Pick the first and last day."],
      [
        "table=members&range=custom&from=2026-03-10&to=2026-03-09",
        "The last day comes before the first.",
      ],
      ["table=members&range=custom&from=2025-01-01&to=2026-03-09", "Pick at most 366 days."],
      ["table=members&range=custom&from=2026-02-30&to=2026-03-09", "That date does not exist."],
      // Dates day arithmetic and time zones cannot take (were 500s).
      [
        "table=members&range=custom&from=9999-12-31&to=9999-12-31",
        "Pick a date between 1970 and 9998.",
      ],
      [
        "table=members&range=custom&from=0100-01-01&to=0100-01-02",
        "Pick a date between 1970 and 9998.",
      ],
      ["table=members&team=not-a-team", "Pick a team from the list."],
      ["table=members&channel=fax", "Pick a channel from the list."],
    ];
    for (const [query, message] of cases) {
      const response = await exportAs(actor("Admin"), query);
      expect(response.status, query).toBe(422);
      const error = await errorOf(response);
      expect(error.code, query).toBe("validation");
      expect(error.message, query).toContain(message);
    }
  });
});
