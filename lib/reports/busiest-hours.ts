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
import type { BusiestHourCell } from "./report-types";

/**
 * Customers' messages by local weekday and hour. For everyone, from the hourly counters; for
 * one member, the messages that arrived in conversations while they were assigned to them
 * (team and channel as at the assignment).
 */
export async function busiestHours(ctx: ReportContext): Promise<BusiestHourCell[]> {
  const found = ctx.memberId
    ? await rows<{ weekday: number; hour: number; n: number }>(
        ctx.tx,
        sql`select extract(dow from local)::int as weekday, extract(hour from local)::int as hour,
            count(*)::int as n
          from (
            select m.created_at at time zone ${ctx.range.timeZone} as local
            from report_assignments a
            join messages m on m.conversation_id = a.conversation_id and m.kind = 'inbound'
              and m.created_at >= a.assigned_at
              and (a.ended_at is null or m.created_at < a.ended_at)
            where a.member_id = ${ctx.memberId}::uuid and a.workspace_id = ${ctx.workspaceId}::uuid
              and a.assigned_at < ${at(ctx.range.end)}
              and (a.ended_at is null or a.ended_at > ${at(ctx.range.start)})
              and ${inRange(ctx, sql`m.created_at`)}
              and ${factFilters({ ...ctx, memberId: null }, { team: sql`a.team_id`, channel: sql`a.channel` })}
          ) l
          group by 1, 2`,
      )
    : await rows<{ weekday: number; hour: number; n: number }>(
        ctx.tx,
        sql`select extract(dow from day)::int as weekday, hour::int as hour, sum(inbound)::int as n
          from report_inbound_hours
          where workspace_id = ${ctx.workspaceId}::uuid and team_key = ${counterKeys(ctx).teamKey}
            and channel_key = ${counterKeys(ctx).channelKey} and ${inDays(ctx, sql`day`)}
          group by 1, 2`,
      );
  const counts = new Map(found.map((row) => [row.weekday * 24 + row.hour, row.n]));
  const cells: BusiestHourCell[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      cells.push({ weekday, hour, inbound: counts.get(weekday * 24 + hour) ?? 0 });
    }
  }
  return cells;
}
