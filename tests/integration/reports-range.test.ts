import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  addDays,
  localDay,
  reportFiltersSchema,
  resolveRange,
  startOfLocalDay,
} from "@/lib/reports/report-query";
import { rawRows } from "../support/factories";

/**
 * The report's day boundaries against PostgreSQL's own zone math (`day::timestamp AT TIME
 * ZONE zone`): every day of 2018–2026 in zones with DST at 02:00, at midnight (Santiago,
 * Havana, São Paulo in 2018), half-hour DST (Lord Howe), half- and quarter-hour offsets.
 */
const zones = [
  "America/Los_Angeles",
  "Asia/Tokyo",
  "Europe/London",
  "America/Santiago",
  "America/Havana",
  "America/Sao_Paulo",
  "Australia/Lord_Howe",
  "Asia/Kolkata",
  "Asia/Kathmandu",
  "Pacific/Apia",
];

describe("report ranges", () => {
  it("start each local day where PostgreSQL does", async () => {
    for (const zone of zones) {
      // Where midnight happens twice (Havana falls back from 01:00 to 00:00) PostgreSQL reads
      // 00:00 as the later one, but the day's first hour already groups under it: the day
      // starts at the first midnight. Where midnight does not exist, PostgreSQL takes the
      // offset before the change: the instant the day begins.
      const expected = await rawRows<{ day: string; start: string }>(
        sql`select day, to_char(case when (pg - interval '1 hour') at time zone ${zone} >= day::timestamp
              then pg - interval '1 hour' else pg end at time zone 'UTC',
              'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as start
          from (select d::date::text as day, d::date::timestamp at time zone ${zone} as pg
            from generate_series('2018-01-01'::timestamp, '2026-12-31'::timestamp, interval '1 day') d) s`,
      );
      expect(expected).toHaveLength(3287);
      const wrong = expected.filter(
        (row) => startOfLocalDay(row.day, zone).toISOString() !== row.start,
      );
      expect(
        wrong.map(
          (row) =>
            `${zone} ${row.day}: ${startOfLocalDay(row.day, zone).toISOString()} vs ${row.start}`,
        ),
      ).toEqual([]);
      for (const row of expected.filter((_, i) => i % 97 === 0)) {
        const start = startOfLocalDay(row.day, zone);
        expect(localDay(start, zone)).toBe(row.day);
        expect(localDay(new Date(start.getTime() - 1), zone)).toBe(addDays(row.day, -1));
      }
    }
  });

  it("resolves presets and custom ranges in the workspace's zone", () => {
    const now = new Date("2026-03-09T06:30:00Z"); // 03-08 23:30 in Los Angeles, 15:30 in Tokyo
    const parse = reportFiltersSchema.parse;
    const la = resolveRange(parse({ range: "today" }), "America/Los_Angeles", now);
    // 8 March 2026 is Los Angeles' spring-forward day: 23 hours long.
    expect([la.fromDay, la.start.toISOString(), la.end.toISOString()]).toEqual([
      "2026-03-08",
      "2026-03-08T08:00:00.000Z",
      "2026-03-09T07:00:00.000Z",
    ]);
    const week = resolveRange(parse({ range: "7d" }), "Asia/Tokyo", now);
    expect([week.fromDay, week.toDay, week.days.length]).toEqual(["2026-03-03", "2026-03-09", 7]);
    const month = resolveRange(parse({}), "UTC", now);
    expect([month.preset, month.fromDay, month.toDay, month.days.length]).toEqual([
      "30d",
      "2026-02-08",
      "2026-03-09",
      30,
    ]);
    const custom = resolveRange(
      parse({ range: "custom", from: "2025-03-01", to: "2026-03-01" }),
      "UTC",
      now,
    );
    expect(custom.days).toHaveLength(366);
  });

  it("refuses custom ranges that are missing, reversed, too long or not dates", () => {
    const fails = (input: object) => !reportFiltersSchema.safeParse(input).success;
    expect(fails({ range: "custom", from: "2026-03-01" })).toBe(true);
    expect(fails({ range: "custom", from: "2026-03-02", to: "2026-03-01" })).toBe(true);
    expect(fails({ range: "custom", from: "2025-03-01", to: "2026-03-02" })).toBe(true); // 367 days
    expect(fails({ range: "custom", from: "2026-02-30", to: "2026-03-01" })).toBe(true);
    expect(fails({ range: "custom", from: "2025-03-01", to: "2026-03-01" })).toBe(false);
    expect(fails({ range: "7d", channel: "fax" })).toBe(true);
    expect(fails({ range: "7d", teamId: "nope" })).toBe(true);
  });
});
