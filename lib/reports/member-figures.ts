import "server-only";
import { sql } from "drizzle-orm";
import {
  counterKeys,
  factFilters,
  inDays,
  inRange,
  localDayOf,
  type ReportContext,
  rows,
} from "./report-sql";

/** What the members' table and the assignment charts are made of, per member and per day. */
export interface AssignmentFigures {
  byMember: Map<
    string,
    { assigned: number; unanswered: number; median: number | null; p90: number | null }
  >;
  /** `${day}|${memberId}` → distinct conversations assigned that day. */
  byDayMember: Map<string, number>;
  byDay: Map<string, { answered: number; median: number | null }>;
}

/**
 * One pass over the assignments made in the range: per member (distinct conversations,
 * first-response percentiles over the answered ones, the unanswered), per local day and member
 * (the stacked chart) and per day (the first-response trend).
 */
export async function assignmentFigures(ctx: ReportContext): Promise<AssignmentFigures> {
  const found = await rows<{
    memberId: string | null;
    day: string | null;
    assigned: number;
    answered: number;
    unanswered: number;
    median: number | null;
    p90: number | null;
  }>(
    ctx.tx,
    sql`select member_id::text as "memberId", day, assigned, answered, unanswered, median, p90
      from (
        select member_id, day, grouping(member_id, day) as g,
          count(distinct conversation_id)::int as assigned,
          count(first_response_at)::int as answered,
          (count(*) - count(first_response_at))::int as unanswered,
          percentile_cont(0.5) within group (order by response) as median,
          percentile_cont(0.9) within group (order by response) as p90
        from (
          select member_id, conversation_id, first_response_at,
            extract(epoch from first_response_at - clock_start_at)::float8 as response,
            ${localDayOf(ctx, sql`assigned_at`)} as day
          from report_assignments
          where workspace_id = ${ctx.workspaceId}::uuid and ${inRange(ctx, sql`assigned_at`)}
            and ${factFilters(ctx, { team: sql`team_id`, channel: sql`channel`, member: sql`member_id` })}
        ) f
        group by grouping sets ((member_id), (day, member_id), (day))
      ) g`,
  );
  const figures: AssignmentFigures = {
    byMember: new Map(),
    byDayMember: new Map(),
    byDay: new Map(),
  };
  for (const row of found) {
    if (row.memberId !== null && row.day === null) {
      figures.byMember.set(row.memberId, {
        assigned: row.assigned,
        unanswered: row.unanswered,
        median: row.median,
        p90: row.p90,
      });
    } else if (row.memberId !== null && row.day !== null) {
      figures.byDayMember.set(`${row.day}|${row.memberId}`, row.assigned);
    } else if (row.day !== null) {
      figures.byDay.set(row.day, { answered: row.answered, median: row.median });
    }
  }
  return figures;
}

/** Σ over every member of the distinct conversations assigned to them (loadShare's denominator). */
export async function totalAssigned(ctx: ReportContext): Promise<number> {
  const [row] = await rows<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from (
        select distinct member_id, conversation_id from report_assignments
        where workspace_id = ${ctx.workspaceId}::uuid and ${inRange(ctx, sql`assigned_at`)}
          and ${factFilters({ ...ctx, memberId: null }, { team: sql`team_id`, channel: sql`channel` })}
      ) d`,
  );
  return row?.n ?? 0;
}

export interface CloseFigures {
  byMember: Map<string, { closed: number; resolutionMedian: number | null }>;
  /** Distinct conversations closed in the range, whoever owned them. */
  total: number;
}

/** Closes in the range: per member at the close, and in all. */
export async function closeFigures(ctx: ReportContext): Promise<CloseFigures> {
  const found = await rows<{
    memberId: string | null;
    g: number;
    closed: number;
    resolution: number | null;
  }>(
    ctx.tx,
    sql`select member_id::text as "memberId", grouping(member_id)::int as g,
        count(distinct conversation_id)::int as closed,
        percentile_cont(0.5) within group (
          order by extract(epoch from closed_at - first_inbound_at)::float8) as resolution
      from report_closes
      where workspace_id = ${ctx.workspaceId}::uuid and ${inRange(ctx, sql`closed_at`)}
        and ${factFilters(ctx, { team: sql`team_id`, channel: sql`channel`, member: sql`member_id` })}
      group by grouping sets ((member_id), ())`,
  );
  const figures: CloseFigures = { byMember: new Map(), total: 0 };
  for (const row of found) {
    if (row.g === 1) figures.total = row.closed;
    else if (row.memberId !== null) {
      figures.byMember.set(row.memberId, { closed: row.closed, resolutionMedian: row.resolution });
    }
  }
  return figures;
}

/** Assignments taken from each member in the range (by the moment they were taken). */
export async function reassignedAway(ctx: ReportContext): Promise<Map<string, number>> {
  const found = await rows<{ memberId: string; n: number }>(
    ctx.tx,
    sql`select member_id::text as "memberId", count(*)::int as n
      from report_assignments
      where workspace_id = ${ctx.workspaceId}::uuid and ${inRange(ctx, sql`ended_at`)}
        and end_reason in ('reassigned', 'unassigned', 'team_rerouted', 'reset_on_close')
        and ${factFilters(ctx, { team: sql`team_id`, channel: sql`channel`, member: sql`member_id` })}
      group by member_id`,
  );
  return new Map(found.map((row) => [row.memberId, row.n]));
}

/** Outbound messages each member wrote in the range's local days. */
export async function messagesSent(ctx: ReportContext): Promise<Map<string, number>> {
  const { teamKey, channelKey } = counterKeys(ctx);
  const found = await rows<{ memberId: string; n: number }>(
    ctx.tx,
    sql`select member_id::text as "memberId", sum(messages_sent)::int as n
      from report_member_days
      where workspace_id = ${ctx.workspaceId}::uuid and team_key = ${teamKey}
        and channel_key = ${channelKey} and ${inDays(ctx, sql`day`)}
        ${ctx.memberId ? sql`and member_id = ${ctx.memberId}::uuid` : sql``}
      group by member_id`,
  );
  return new Map(found.map((row) => [row.memberId, row.n]));
}

/** Open conversations each member holds now, under the team and channel filters. */
export async function openNow(ctx: ReportContext): Promise<Map<string, number>> {
  const found = await rows<{ memberId: string; n: number }>(
    ctx.tx,
    sql`select member_id::text as "memberId", sum(open)::int as n
      from report_open_load
      where workspace_id = ${ctx.workspaceId}::uuid
        ${ctx.teamId ? sql`and team_key = ${ctx.teamId}` : sql``}
        ${ctx.channel ? sql`and channel = ${ctx.channel}::channel` : sql``}
        ${ctx.memberId ? sql`and member_id = ${ctx.memberId}::uuid` : sql``}
      group by member_id`,
  );
  return new Map(found.map((row) => [row.memberId, row.n]));
}
