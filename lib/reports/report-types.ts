import type { AgentSessionEndReason, Channel, Role } from "@/db/schema";
import type { RangePreset } from "./report-query";

/** Whose figures a report shows: everyone (Admins, Managers) or one member (an Agent). */
export type ReportScope = { all: true } | { memberId: string };

/**
 * Percentiles are PostgreSQL's `percentile_cont` (linear interpolation between the closest
 * ranks); every duration is in seconds and null when there is nothing to measure.
 */
export interface MemberRow {
  memberId: string;
  name: string;
  role: Role;
  /** Removed members appear only when they have figures in the range. */
  removed: boolean;
  /** Distinct conversations assigned to them in the range (assigned or routed events). */
  assigned: number;
  /** Distinct conversations closed in the range while assigned to them. */
  closed: number;
  /** Open conversations assigned to them now (not bound by the range). */
  openNow: number;
  /** Outbound messages they wrote in the range. */
  messagesSent: number;
  /** Over the assignments made in the range that they answered, in whole seconds. */
  firstResponseMedianSeconds: number | null;
  firstResponseP90Seconds: number | null;
  /**
   * Conversations given to them in the range with an assignment they never answered (left out
   * of the percentiles); one handed back and forth counts once, as in `assigned`.
   */
  unanswered: number;
  /** First customer message → close, over their closes in the range. */
  resolutionMedianSeconds: number | null;
  /** Assignments taken from them in the range (reassigned, unassigned, rerouted, reset on close). */
  reassignedAway: number;
  /** assigned / totals.assigned (0 when nothing was assigned). */
  loadShare: number;
}

export interface HandoffReason {
  /** `handoff` or `error`. */
  reason: AgentSessionEndReason;
  /** The agent's words (or the model error); null when none was given. */
  detail: string | null;
  count: number;
}

export interface AgentRow {
  agentId: string;
  name: string;
  deleted: boolean;
  /** Sessions started in the range. */
  sessions: number;
  /** Distinct conversations with a session of this agent, closed in the range, no member reply by then. */
  resolvedWithoutHuman: number;
  /** Sessions that ended in the range with reason handoff or error. */
  handoffs: number;
  /** handoffs / sessions (null without sessions). */
  handoffRate: number | null;
  /** The five most frequent (reason, detail) pairs of those handoffs. */
  handoffReasons: HandoffReason[];
  /** Customer message → the agent's reply, over replies sent in the range. */
  medianReplySeconds: number | null;
}

export interface AssignmentsPerDay {
  days: string[];
  /** One series per member row, `counts[i]` for `days[i]`: distinct conversations assigned that day. */
  series: { memberId: string; name: string; counts: number[] }[];
}

export interface OpenLoadBar {
  memberId: string;
  name: string;
  open: number;
  /** The member's capacity (max open conversations routing gives them); null = unlimited. */
  capacity: number | null;
}

export interface BusiestHourCell {
  /** 0 = Sunday … 6 = Saturday, in the workspace's time zone. */
  weekday: number;
  hour: number;
  /** Customers' messages in that local weekday and hour over the range. */
  inbound: number;
}

export interface FirstResponsePoint {
  day: string;
  medianSeconds: number | null;
  /** Answered assignments made that day (the sample of the median). */
  answered: number;
}

export interface Fairness {
  /** In words, for the page: who counts and what is measured. */
  definition: string;
  eligibleMembers: number;
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation / mean; null when the mean is 0. */
  coefficientOfVariation: number | null;
}

export interface Report {
  scope: "all" | "own";
  range: {
    preset: RangePreset;
    timeZone: string;
    fromDay: string;
    toDay: string;
    days: string[];
    start: string;
    end: string;
  };
  filters: { teamId: string | null; channel: Channel | null };
  totals: {
    /** Σ assigned over every member (shown or not) under the filters: loadShare's denominator. */
    assigned: number;
    /** Distinct conversations closed in the range, whoever owned them (own report: theirs). */
    closed: number;
    /** Σ messagesSent over the rows shown. */
    messagesSent: number;
    /** Σ of the busiest-hours cells. */
    inbound: number;
  };
  members: MemberRow[];
  agents: AgentRow[];
  charts: {
    assignmentsPerDay: AssignmentsPerDay;
    openLoad: OpenLoadBar[];
    /** All 168 cells, weekday-major. */
    busiestHours: BusiestHourCell[];
    firstResponseTrend: FirstResponsePoint[];
  };
  /** Omitted (null) for a member's own report. */
  fairness: Fairness | null;
}

/** Weekday names by `getDay()` number (Sunday is 0), as the busiest-hours cells count them. */
export const weekdayNames = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;
