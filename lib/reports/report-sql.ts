import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { Channel } from "@/db/schema";
import type { ResolvedRange } from "./report-query";

/** What every report query is bound to: the workspace, the range and the filters. */
export interface ReportContext {
  tx: Database;
  workspaceId: string;
  range: ResolvedRange;
  teamId: string | null;
  channel: Channel | null;
  /** Set for a member's own report: every figure is theirs only. */
  memberId: string | null;
}

export { rows } from "@/db/rows";

export const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

/** `column` within [start, end). */
export const inRange = (ctx: ReportContext, column: SQL) =>
  sql`${column} >= ${at(ctx.range.start)} and ${column} < ${at(ctx.range.end)}`;

/** The team / channel / member filters on a fact table's own columns. */
export function factFilters(
  ctx: ReportContext,
  columns: { team: SQL; channel: SQL; member?: SQL },
): SQL {
  const parts: SQL[] = [];
  if (ctx.teamId) parts.push(sql`${columns.team} = ${ctx.teamId}::uuid`);
  if (ctx.channel) parts.push(sql`${columns.channel} = ${ctx.channel}::channel`);
  if (ctx.memberId && columns.member) parts.push(sql`${columns.member} = ${ctx.memberId}::uuid`);
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}

/** The slice of a counter table (db/schema/reports.ts) that the filters read. */
export function counterKeys(ctx: ReportContext): { teamKey: string; channelKey: string } {
  return { teamKey: ctx.teamId ?? "*", channelKey: ctx.channel ?? "*" };
}

/** The range's local days, for the counter tables' `day` column. */
export const inDays = (ctx: ReportContext, column: SQL) =>
  sql`${column} >= ${ctx.range.fromDay}::date and ${column} <= ${ctx.range.toDay}::date`;
