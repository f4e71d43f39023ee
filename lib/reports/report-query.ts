import { z } from "zod";
import { channels } from "@/db/schema/channel";

/** A report covers whole days of the workspace's time zone; a custom range at most this many. */
export const MAX_RANGE_DAYS = 366;

export const rangePresets = ["today", "7d", "30d", "custom"] as const;
export type RangePreset = (typeof rangePresets)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date like 2026-03-31." })
  .refine((value) => toDayNumber(value) !== null, { error: "That date does not exist." })
  // Day arithmetic and time zones work on four-digit years after 1970; past 9998 the range's
  // last day + 1 has no four-digit year, before 1970 no conversation exists.
  .refine((value) => value >= "1970-01-01" && value <= "9998-12-31", {
    error: "Pick a date between 1970 and 9998.",
  });

/** The report's filters, as the page's search params or the CSV link carry them. */
export const reportFiltersSchema = z
  .object({
    range: z.enum(rangePresets, { error: "Pick today, 7 days, 30 days or custom." }).default("30d"),
    /** First day of a custom range (workspace time zone), inclusive. */
    from: isoDate.optional(),
    /** Last day of a custom range, inclusive. */
    to: isoDate.optional(),
    teamId: z.uuid({ error: "Pick a team from the list." }).optional(),
    channel: z.enum(channels, { error: "Pick a channel from the list." }).optional(),
  })
  .superRefine((filters, ctx) => {
    if (filters.range !== "custom") return;
    if (!filters.from || !filters.to) {
      ctx.addIssue({ code: "custom", path: ["from"], message: "Pick the first and last day." });
      return;
    }
    const from = toDayNumber(filters.from);
    const to = toDayNumber(filters.to);
    if (from === null || to === null) return;
    if (to < from) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: "The last day comes before the first.",
      });
    } else if (to - from + 1 > MAX_RANGE_DAYS) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `Pick at most ${MAX_RANGE_DAYS} days.`,
      });
    }
  });
export type ReportFilters = z.infer<typeof reportFiltersSchema>;
export type ReportFiltersInput = z.input<typeof reportFiltersSchema>;

/** The instants a report covers: [start, end), whole local days `fromDay` … `toDay`. */
export interface ResolvedRange {
  preset: RangePreset;
  timeZone: string;
  /** First local day, YYYY-MM-DD (inclusive). */
  fromDay: string;
  /** Last local day, YYYY-MM-DD (inclusive). */
  toDay: string;
  /** Every local day of the range, in order. */
  days: string[];
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date, or null when it is not a real date. */
function toDayNumber(value: string): number | null {
  const [y, m, d] = value.split("-").map(Number);
  if (y === undefined || m === undefined || d === undefined) return null;
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
    return null;
  }
  return ms / DAY_MS;
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const number = toDayNumber(day);
  if (number === null) throw new Error(`not a date: ${day}`);
  return fromDayNumber(number + n);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock reading of an instant in a zone, as if it were UTC (ms). */
function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second) + (((instant % 1000) + 1000) % 1000);
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function localDay(instant: Date, timeZone: string): string {
  return new Date(wallClock(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/**
 * The first instant of a local day in a zone: the first whose local date is that day, as
 * `(instant AT TIME ZONE zone)::date` groups instants. That is PostgreSQL's
 * `day::timestamp AT TIME ZONE zone`, except that where midnight happens twice (a fall-back at
 * 01:00) the day starts at the first one, and where it does not happen (a DST gap at 00:00) at
 * the change. Offsets are read on both sides of the guess, so a change the day before or
 * after is seen (tests/integration/reports-range.test.ts checks 2018–2026 in ten zones).
 */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const number = toDayNumber(day);
  if (number === null) throw new Error(`not a date: ${day}`);
  const midnight = number * DAY_MS;
  const candidates = new Set<number>();
  for (const probe of [midnight - DAY_MS, midnight, midnight + DAY_MS]) {
    const offset = wallClock(probe, timeZone) - probe;
    candidates.add(midnight - offset);
  }
  const starts = [...candidates]
    .filter(
      (t) => localDay(new Date(t), timeZone) === day && localDay(new Date(t - 1), timeZone) < day,
    )
    .sort((a, b) => a - b);
  const first = starts[0];
  if (first === undefined) throw new Error(`no start of ${day} in ${timeZone}`);
  return new Date(first);
}

/**
 * The report's range as instants for the workspace's time zone: today, the last 7 or 30 days
 * (today included), or a custom span of whole days — each day from its local midnight, so a
 * DST day lasts 23 or 25 hours.
 */
export function resolveRange(filters: ReportFilters, timeZone: string, now: Date): ResolvedRange {
  const today = localDay(now, timeZone);
  let fromDay: string;
  let toDay: string;
  switch (filters.range) {
    case "today":
      fromDay = today;
      toDay = today;
      break;
    case "7d":
      fromDay = addDays(today, -6);
      toDay = today;
      break;
    case "30d":
      fromDay = addDays(today, -29);
      toDay = today;
      break;
    case "custom":
      if (!filters.from || !filters.to) throw new Error("a custom range needs from and to");
      fromDay = filters.from;
      toDay = filters.to;
      break;
  }
  const days: string[] = [];
  for (let day = fromDay; day <= toDay; day = addDays(day, 1)) days.push(day);
  return {
    preset: filters.range,
    timeZone,
    fromDay,
    toDay,
    days,
    start: startOfLocalDay(fromDay, timeZone),
    end: startOfLocalDay(addDays(toDay, 1), timeZone),
  };
}
