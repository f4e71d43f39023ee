import "server-only";
import { sql } from "drizzle-orm";
import type { AgentSessionEndReason } from "@/db/schema";
import { factFilters, inRange, type ReportContext, rows } from "./report-sql";
import type { AgentRow, HandoffReason } from "./report-types";

const TOP_REASONS = 5;

/**
 * The AI agents' rows. A session belongs to the range it started in, with its outcome (a
 * handoff counted with the session it ended, so the rate compares like with like), and to
 * the team its conversation had when it started — a handoff then moves the conversation to
 * the handoff team, which must not take the session along. Resolutions and replies follow the
 * team at their own moment (from the rollups), like every other figure.
 */
export async function agentRows(ctx: ReportContext): Promise<AgentRow[]> {
  const ws = sql`${ctx.workspaceId}::uuid`;
  // Sessions carry no team or channel: a filter looks each session's conversation up (its
  // team from the history at the session's start: report_team_at); without filters, neither.
  const onConversation = sql.join(
    [
      ctx.teamId
        ? sql`exists (select 1 from conversations c
            left join lateral report_team_at(c.id, s.started_at) tm on true
            where c.id = s.conversation_id
              and (case when tm.found then tm.team_id else c.team_id end) = ${ctx.teamId}::uuid)`
        : sql`true`,
      ctx.channel
        ? sql`exists (select 1 from conversations c
            where c.id = s.conversation_id and c.channel = ${ctx.channel}::channel)`
        : sql`true`,
    ],
    sql` and `,
  );
  const agents = await rows<{ agentId: string; name: string; deleted: boolean }>(
    ctx.tx,
    sql`select id::text as "agentId", name, deleted_at is not null as deleted
      from ai_agents where workspace_id = ${ws} order by lower(name), id`,
  );
  const sessions = await rows<{ agentId: string; n: number }>(
    ctx.tx,
    sql`select s.agent_id::text as "agentId", count(*)::int as n
      from agent_sessions s
      where s.workspace_id = ${ws} and ${inRange(ctx, sql`s.started_at`)} and ${onConversation}
      group by s.agent_id`,
  );
  const handoffs = await rows<{
    agentId: string;
    reason: AgentSessionEndReason;
    detail: string | null;
    n: number;
  }>(
    ctx.tx,
    sql`select s.agent_id::text as "agentId", s.end_reason::text as reason, s.end_detail as detail,
        count(*)::int as n
      from agent_sessions s
      where s.workspace_id = ${ws} and s.ended_at is not null
        and ${inRange(ctx, sql`s.started_at`)} and s.end_reason in ('handoff', 'error')
        and ${onConversation}
      group by s.agent_id, s.end_reason, s.end_detail`,
  );
  const resolved = await rows<{ agentId: string; n: number }>(
    ctx.tx,
    sql`select a.agent_id::text as "agentId", count(distinct r.conversation_id)::int as n
      from report_closes r cross join lateral unnest(r.agent_ids) as a(agent_id)
      where r.workspace_id = ${ws} and ${inRange(ctx, sql`r.closed_at`)} and not r.human_replied
        and ${factFilters({ ...ctx, memberId: null }, { team: sql`r.team_id`, channel: sql`r.channel` })}
      group by a.agent_id`,
  );
  const replies = await rows<{ agentId: string; median: number | null }>(
    ctx.tx,
    sql`select agent_id::text as "agentId",
        percentile_cont(0.5) within group (
          order by extract(epoch from replied_at - inbound_at)::float8) as median
      from report_agent_replies
      where workspace_id = ${ws} and ${inRange(ctx, sql`replied_at`)}
        and ${factFilters({ ...ctx, memberId: null }, { team: sql`team_id`, channel: sql`channel` })}
      group by agent_id`,
  );

  const count = (list: { agentId: string; n: number }[], id: string) =>
    list.find((row) => row.agentId === id)?.n ?? 0;
  const hasFigures = (row: AgentRow) =>
    row.sessions + row.handoffs + row.resolvedWithoutHuman > 0 || row.medianReplySeconds !== null;
  return agents
    .map((agent): AgentRow => {
      const reasons: HandoffReason[] = handoffs
        .filter((row) => row.agentId === agent.agentId)
        .map((row) => ({ reason: row.reason, detail: row.detail, count: row.n }))
        .sort(
          (a, b) =>
            b.count - a.count ||
            a.reason.localeCompare(b.reason) ||
            (a.detail ?? "").localeCompare(b.detail ?? ""),
        );
      const sessionCount = count(sessions, agent.agentId);
      const handoffCount = reasons.reduce((sum, row) => sum + row.count, 0);
      return {
        agentId: agent.agentId,
        name: agent.name,
        deleted: agent.deleted,
        sessions: sessionCount,
        resolvedWithoutHuman: count(resolved, agent.agentId),
        handoffs: handoffCount,
        handoffRate: sessionCount > 0 ? handoffCount / sessionCount : null,
        handoffReasons: reasons.slice(0, TOP_REASONS),
        medianReplySeconds: replies.find((row) => row.agentId === agent.agentId)?.median ?? null,
      };
    })
    .filter((row) => !row.deleted || hasFigures(row));
}
