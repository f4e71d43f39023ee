import "server-only";
import { sql } from "drizzle-orm";
import {
  at,
  counterKeys,
  factFilters,
  inDays,
  inRange,
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
 * The assignments made in the range. Per member: distinct conversations (rows whose previous
 * assignment of the same conversation to the same member lies before the range), first-response
 * percentiles over the answered ones, the unanswered; stored whole seconds and the
 * predecessor's time keep it to counts and small per-member sorts. Per local day and
 * member (the stacked chart: distinct that day) and per day (the first-response trend) from the
 * day counters, a few thousand rows — or, for one member, from their own assignments.
 */
export async function assignmentFigures(ctx: ReportContext): Promise<AssignmentFigures> {
  const where = sql`workspace_id = ${ctx.workspaceId}::uuid and ${inRange(ctx, sql`assigned_at`)}
    and ${factFilters(ctx, { team: sql`team_id`, channel: sql`channel`, member: sql`member_id` })}`;
  const tz = ctx.range.timeZone;
  // Hash-aggregated arrays, then each member's own small sort: much cheaper than
  // percentile_cont over the whole range, which sorts every row by member first.
  const perMember = await rows<{
    memberId: string;
    assigned: number;
    unanswered: number;
    percentiles: [number, number] | null;
  }>(
    ctx.tx,
    sql`select "memberId", assigned, unanswered,
        (select percentile_cont(array[0.5, 0.9]) within group (order by x) from unnest(answers) x)
          as percentiles
      from (
        select member_id::text as "memberId",
          count(*) filter (where prev_assigned_at is null
            or prev_assigned_at < ${at(ctx.range.start)})::int as assigned,
          -- Conversations, like "assigned": one handed back and forth without an answer is
          -- one unanswered conversation, not one per hand-over.
          (count(distinct conversation_id) filter (where response_seconds is null))::int
            as unanswered,
          array_agg(response_seconds) filter (where response_seconds is not null) as answers
        from report_assignments where ${where}
        group by member_id
      ) m`,
  );
  const { teamKey, channelKey } = counterKeys(ctx);
  const mine = ctx.memberId ? sql`and member_id = ${ctx.memberId}::uuid` : sql``;
  const perDayMember = await rows<{ day: string; memberId: string; assigned: number }>(
    ctx.tx,
    sql`select to_char(day, 'YYYY-MM-DD') as day, member_id::text as "memberId",
        sum(assigned)::int as assigned
      from report_member_days
      where workspace_id = ${ctx.workspaceId}::uuid and team_key = ${teamKey}
        and channel_key = ${channelKey} and ${inDays(ctx, sql`day`)} and assigned > 0 ${mine}
      group by day, member_id`,
  );
  const perDay = ctx.memberId
    ? await rows<{ day: string; answered: number; median: number | null }>(
        ctx.tx,
        sql`select to_char((assigned_at at time zone ${tz})::date, 'YYYY-MM-DD') as day,
            count(response_seconds)::int as answered,
            percentile_cont(0.5) within group (order by response_seconds) as median
          from report_assignments where ${where}
          group by 1`,
      )
    : await trendFromHistogram(ctx);
  const figures: AssignmentFigures = {
    byMember: new Map(
      perMember.map(({ memberId, assigned, unanswered, percentiles }) => [
        memberId,
        {
          assigned,
          unanswered,
          median: percentiles?.[0] ?? null,
          p90: percentiles?.[1] ?? null,
        },
      ]),
    ),
    byDayMember: new Map(),
    byDay: new Map(),
  };
  for (const row of perDayMember) {
    figures.byDayMember.set(`${row.day}|${row.memberId}`, row.assigned);
  }
  for (const row of perDay) {
    figures.byDay.set(row.day, { answered: row.answered, median: row.median });
  }
  return figures;
}

/**
 * Each day's median first response from the per-day histogram of whole seconds: the values at
 * 0-based ranks ⌊r⌋ and ⌈r⌉, r = (n − 1) / 2, interpolated as percentile_cont does.
 */
async function trendFromHistogram(
  ctx: ReportContext,
): Promise<{ day: string; answered: number; median: number | null }[]> {
  const { teamKey, channelKey } = counterKeys(ctx);
  const found = await rows<{ day: string; answered: number; lo: number; hi: number }>(
    ctx.tx,
    sql`with h as (
        select day, seconds, sum(answered)::int as n from report_response_days
        where workspace_id = ${ctx.workspaceId}::uuid and team_key = ${teamKey}
          and channel_key = ${channelKey} and ${inDays(ctx, sql`day`)}
        group by day, seconds
      ), c as (
        select day, seconds, sum(n) over (partition by day order by seconds) as cum,
          sum(n) over (partition by day) as total
        from h
      )
      select to_char(day, 'YYYY-MM-DD') as day, total::int as answered,
        min(seconds) filter (where cum > floor((total - 1) / 2.0)) as lo,
        min(seconds) filter (where cum > ceil((total - 1) / 2.0)) as hi
      from c group by day, total`,
  );
  return found.map(({ day, answered, lo, hi }) => {
    const rank = (answered - 1) / 2;
    return { day, answered, median: lo + (hi - lo) * (rank - Math.floor(rank)) };
  });
}

/** Σ over every member of the distinct conversations assigned to them (loadShare's denominator). */
export async function totalAssigned(ctx: ReportContext): Promise<number> {
  const [row] = await rows<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from report_assignments
      where workspace_id = ${ctx.workspaceId}::uuid and ${inRange(ctx, sql`assigned_at`)}
        and (prev_assigned_at is null or prev_assigned_at < ${at(ctx.range.start)})
        and ${factFilters({ ...ctx, memberId: null }, { team: sql`team_id`, channel: sql`channel` })}`,
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
        percentile_cont(0.5) within group (order by resolution_seconds) as resolution
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
