// Shared by server and client components, so it lives outside any "use client" module.
import { humanDuration } from "@/lib/reports/report-csv";

/** "45s", "4m 10s", "1h 02m", "2d 03h" (as the CSV words them); "—" when there is nothing to measure. */
export const formatDuration = (seconds: number | null) => humanDuration(seconds) ?? "—";

const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat("en");
const decimal = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/** 0.125 → "12.5%"; "—" for null. */
export const formatPercent = (share: number | null) =>
  share === null ? "—" : percent.format(share);

export const formatCount = (n: number) => integer.format(n);

export const formatDecimal = (n: number) => decimal.format(n);

const dayLabel = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});

/** "2026-03-09" → "Mar 9" (a local day of the report, so no zone shift). */
export const formatDay = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));

const longDayLabel = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** The range as a person says it: "Mar 9, 2026" or "Mar 9, 2026 – Mar 10, 2026". */
export function formatRangeDays(fromDay: string, toDay: string): string {
  const from = longDayLabel.format(new Date(`${fromDay}T00:00:00Z`));
  if (fromDay === toDay) return from;
  return `${from} – ${longDayLabel.format(new Date(`${toDay}T00:00:00Z`))}`;
}
