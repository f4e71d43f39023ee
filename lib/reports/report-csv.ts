import { guardFormula, quoteField } from "@/lib/csv";
import { type Report, weekdayNames } from "./report-types";

/** Every table of the report page, each downloadable as CSV with the page's filters. */
export const reportTables = [
  "members",
  "agents",
  "fairness",
  "assignments-per-day",
  "open-load",
  "busiest-hours",
  "first-response-trend",
] as const;
export type ReportTable = (typeof reportTables)[number];

type Cell = string | number | boolean | null;

/** One CSV field; `text` (names and the like) is guarded against running as a formula. */
function field(value: Cell, text = false): string {
  if (value === null) return "";
  const out = typeof value === "number" ? String(Number(value.toFixed(4))) : String(value);
  return quoteField(text ? guardFormula(out) : out);
}

/** A duration in words: 45s, 17m 30s, 2h 05m, 3d 04h. */
export function humanDuration(seconds: number | null): string | null {
  if (seconds === null) return null;
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  if (s < 86_400) {
    return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  }
  return `${Math.floor(s / 86_400)}d ${String(Math.floor((s % 86_400) / 3600)).padStart(2, "0")}h`;
}

/** A header and rows; columns listed in `text` are names or words a person typed. */
function csv(header: string[], rows: Cell[][], text: string[] = []): string {
  const textual = new Set(text.map((name) => header.indexOf(name)));
  const lines = [
    header.join(","),
    ...rows.map((row) => row.map((v, i) => field(v, textual.has(i))).join(",")),
  ];
  return `${lines.join("\r\n")}\r\n`;
}

const duration = (seconds: number | null): Cell[] => [
  seconds === null ? null : Number(seconds.toFixed(3)),
  humanDuration(seconds),
];

/** The CSV of one table of a report (built with the filters the download carries). */
export function reportCsv(report: Report, table: ReportTable): string {
  switch (table) {
    case "members":
      return csv(
        [
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
        ],
        report.members.map((m) => [
          m.memberId,
          m.name,
          m.role,
          m.removed,
          m.assigned,
          m.closed,
          m.openNow,
          m.messagesSent,
          ...duration(m.firstResponseMedianSeconds),
          ...duration(m.firstResponseP90Seconds),
          m.unanswered,
          ...duration(m.resolutionMedianSeconds),
          m.reassignedAway,
          m.loadShare,
        ]),
        ["name"],
      );
    case "agents":
      return csv(
        [
          "agent_id",
          "name",
          "deleted",
          "sessions",
          "resolved_without_human",
          "handoffs",
          "handoff_rate",
          "handoff_reasons",
          "median_reply_s",
          "median_reply",
        ],
        report.agents.map((a) => [
          a.agentId,
          a.name,
          a.deleted,
          a.sessions,
          a.resolvedWithoutHuman,
          a.handoffs,
          a.handoffRate,
          a.handoffReasons
            .map((r) => `${r.reason}${r.detail ? `: ${r.detail}` : ""} (${r.count})`)
            .join("; "),
          ...duration(a.medianReplySeconds),
        ]),
        ["name", "handoff_reasons"],
      );
    case "fairness": {
      const f = report.fairness;
      return csv(
        ["eligible_members", "min", "max", "mean", "coefficient_of_variation", "definition"],
        f
          ? [[f.eligibleMembers, f.min, f.max, f.mean, f.coefficientOfVariation, f.definition]]
          : [],
      );
    }
    case "assignments-per-day":
      return csv(
        ["day", "member_id", "name", "assigned"],
        report.charts.assignmentsPerDay.days.flatMap((day, i) =>
          report.charts.assignmentsPerDay.series.map((s) => [
            day,
            s.memberId,
            s.name,
            s.counts[i] ?? 0,
          ]),
        ),
        ["name"],
      );
    case "open-load":
      return csv(
        ["member_id", "name", "open", "capacity"],
        report.charts.openLoad.map((bar) => [bar.memberId, bar.name, bar.open, bar.capacity]),
        ["name"],
      );
    case "busiest-hours":
      return csv(
        ["weekday", "weekday_name", "hour", "inbound"],
        report.charts.busiestHours.map((c) => [
          c.weekday,
          weekdayNames[c.weekday] ?? null,
          c.hour,
          c.inbound,
        ]),
      );
    case "first-response-trend":
      return csv(
        ["day", "median_first_response_s", "median_first_response", "answered"],
        report.charts.firstResponseTrend.map((p) => [
          p.day,
          ...duration(p.medianSeconds),
          p.answered,
        ]),
      );
  }
}

/** The download's file name, e.g. `report-members-2026-03-09-2026-03-10.csv`. */
export function reportCsvFileName(report: Report, table: ReportTable): string {
  return `report-${table}-${report.range.fromDay}-${report.range.toDay}.csv`;
}
