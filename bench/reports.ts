/**
 * npm run bench:reports — the reports page's data (`buildReport`) on the bench:inbox workspace.
 *
 * Uses the database of bench:inbox (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/switchboard_bench; generated when missing or of another
 * size, BENCH_RESET=1 regenerates): 1,000,000 conversations (BENCH_CONVERSATIONS) over 90 days,
 * 200 members, 20 teams, ~5 messages each. bench:inbox writes no conversation events, so the
 * first run here adds ~2.8 per conversation (created; queued for team ones; routed / assigned,
 * a third of them handed on to someone else; closed), three AI agents with sessions on the 5%
 * of conversations that have one (a reply each, 60% ending in a handoff or an error), and then
 * rebuilds the report rollups from that history — all in one transaction, so a database with
 * events has its rollups.
 *
 * Then times the full 30-day report (every table and chart) and a team-filtered one,
 * BENCH_RUNS times each (default 50) after warm-up, next to a baseline: a bare indexed count
 * of the range's assignments. Target: p95 ≤ 300 ms (a miss exits 1). The last line is one
 * JSON object.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { rows } from "@/db/rows";
import { BENCH_SLUG, MEMBER_COUNT } from "./support/data";
import { intFromEnv } from "./support/env";
import { analyze, generate, prepareDatabase } from "./support/generate";
import { percentile, summarize, timeRuns } from "./support/measure";

const TARGET_P95_MS = 300;
const AGENTS = 3;

const url =
  process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/switchboard_bench";
const wanted = intFromEnv("BENCH_CONVERSATIONS", 1_000_000);
const runs = intFromEnv("BENCH_RUNS", 50);

const log = (line: string) => console.log(line);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/**
 * The history reports read, for every conversation of the bench workspace, derived from its
 * generated row and messages (message j at created_at + 7j minutes, odd ones the customer's,
 * even ones the assignee's): events, AI agents, sessions, their replies and turns — then the
 * rollups, rebuilt from it. One transaction; the triggers are off for the load.
 */
async function generateReportData(workspaceId: string): Promise<number> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const step = async (label: string, text: string) => {
      const t = performance.now();
      const result = await client.query(text, text.includes("$1") ? [workspaceId] : []);
      log(`  ${label}: ${(result.rowCount ?? 0).toLocaleString("en")} rows in ${seconds(t)} s`);
    };
    await client.query("set work_mem = '256MB'");
    await client.query("set synchronous_commit = off");
    await client.query("begin");
    await client.query("set local switchboard.report_rollups = 'off'");
    await client.query(`
      create function pg_temp.uid(label text) returns uuid language sql immutable
      as $$ select overlay(overlay(md5($1) placing '4' from 13) placing '8' from 17)::uuid $$`);
    await step(
      "conversations to derive from",
      `create temp table bench_conv on commit drop as
       select c.id, c.workspace_id, c.team_id, c.assignee_id, c.status, c.closed_at, c.channel,
         c.agent_session_id, c.created_at,
         (hashtext(c.id::text)::bigint + 2147483648) as h,
         c.created_at + interval '7 minutes'
           + ((hashtext(c.id::text)::bigint + 2147483648) % 200) * interval '1 second' as t1
       from conversations c where c.workspace_id = $1`,
    );
    // A third of the assigned ones first went to someone else, who passed it on a minute or
    // two later, before the assignee's reply (at created_at + 14 minutes).
    await step(
      "conversation events",
      `insert into conversation_events (workspace_id, conversation_id, type, actor_member_id, data, created_at)
       select workspace_id, id, 'created', null::uuid,
         jsonb_build_object('channel', channel)
           || case when team_id is not null then jsonb_build_object('teamId', team_id) else '{}' end,
         created_at
       from bench_conv where workspace_id = $1
       union all
       select workspace_id, id, 'queued', null,
         jsonb_build_object('teamId', team_id, 'trigger', 'arrival', 'reason', 'nobody eligible'),
         created_at + interval '7 minutes'
       from bench_conv where team_id is not null
       union all
       select workspace_id, id,
         case when team_id is not null then 'routed' else 'assigned' end, null,
         jsonb_build_object('to', case when h % 10 < 3 then pg_temp.uid('m' || (1 + (h / 10) % ${MEMBER_COUNT})) else assignee_id end,
           'toName', 'Member')
           || case when team_id is not null
                then jsonb_build_object('teamId', team_id, 'trigger', 'queue')
                else jsonb_build_object('from', null, 'via', 'claim') end,
         t1
       from bench_conv where assignee_id is not null
       union all
       select workspace_id, id, 'assigned', pg_temp.uid('m1'),
         jsonb_build_object('from', pg_temp.uid('m' || (1 + (h / 10) % ${MEMBER_COUNT})),
           'to', assignee_id, 'toName', 'Member', 'via', 'manual'),
         t1 + interval '60 seconds' + (h % 120) * interval '1 second'
       from bench_conv where assignee_id is not null and h % 10 < 3
       union all
       select workspace_id, id, 'closed', assignee_id, jsonb_build_object('assigneeId', assignee_id),
         closed_at
       from bench_conv where status = 'closed'`,
    );
    await step(
      "AI agents",
      `insert into ai_agents (id, workspace_id, name, created_at)
       select pg_temp.uid('a' || a), $1, 'Agent ' || a, now() - interval '180 days'
       from generate_series(1, ${AGENTS}) a`,
    );
    // Started 10 s after the customer's first message, replied 20–120 s after it; 2 in 5 hand
    // off, 1 in 5 fails (error), 1 in 5 is ended by a member, 1 in 5 is still running.
    await step(
      "agent sessions",
      `insert into agent_sessions (id, workspace_id, conversation_id, agent_id, started_at,
         expires_at, ended_at, end_reason, end_detail)
       select agent_session_id, workspace_id, id, pg_temp.uid('a' || (1 + h % ${AGENTS})),
         created_at + interval '7 minutes 10 seconds', created_at + interval '1 day',
         case when h % 5 < 4 then created_at + interval '9 minutes' end,
         (case h % 5 when 0 then 'handoff' when 1 then 'handoff' when 2 then 'error'
            when 3 then 'ended_by_member' end)::agent_session_end_reason,
         case h % 5
           when 0 then (array['Customer asked for a refund', 'Not in my knowledge', 'Customer wants a person'])[1 + (h / 5) % 3]
           when 1 then 'Customer wants a person'
           when 2 then 'The AI model failed: timeout' end
       from bench_conv where agent_session_id is not null`,
    );
    await step(
      "agent session events",
      `insert into conversation_events (workspace_id, conversation_id, type, data, created_at)
       select s.workspace_id, s.conversation_id, 'agent_session_started',
         jsonb_build_object('sessionId', s.id, 'agentId', s.agent_id, 'agentName', 'Agent'),
         s.started_at
       from agent_sessions s where s.workspace_id = $1
       union all
       select s.workspace_id, s.conversation_id, 'agent_session_ended',
         jsonb_build_object('sessionId', s.id, 'agentId', s.agent_id, 'agentName', 'Agent',
           'reason', s.end_reason) || coalesce(jsonb_build_object('detail', s.end_detail), '{}'),
         s.ended_at
       from agent_sessions s where s.workspace_id = $1 and s.ended_at is not null`,
    );
    await step(
      "agent replies",
      `with replies as (
         insert into messages (workspace_id, conversation_id, kind, author_agent_id, body, created_at)
         select c.workspace_id, c.id, 'outbound', s.agent_id, 'Happy to help with that.',
           c.created_at + interval '7 minutes' + (20 + c.h % 100) * interval '1 second'
         from bench_conv c join agent_sessions s on s.id = c.agent_session_id
         returning id, conversation_id, created_at
       )
       insert into agent_turns (key, workspace_id, conversation_id, session_id, inbound_message_id,
         status, reply_message_id, attempts, created_at, finished_at)
       select 'message:' || i.id, c.workspace_id, c.id, c.agent_session_id, i.id, 'replied', r.id, 1,
         i.created_at, r.created_at
       from replies r
       join bench_conv c on c.id = r.conversation_id
       join messages i on i.conversation_id = c.id and i.kind = 'inbound'
         and i.created_at = c.created_at + interval '7 minutes'`,
    );
    const t = performance.now();
    await client.query("select report_rebuild($1)", [workspaceId]);
    log(`  report rollups rebuilt in ${seconds(t)} s`);
    await client.query("commit");
    await client.query("vacuum (analyze) conversation_events, agent_sessions, agent_turns");
    return (performance.now() - started) / 1000;
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function main(): Promise<boolean> {
  log(`bench:reports — ${wanted.toLocaleString("en")} conversations, ${runs} runs per report`);
  log(`database: ${url.replace(/\/\/[^@/]*@/, "//")}`);
  const preparation = await prepareDatabase(url, wanted, process.env.BENCH_RESET === "1");
  process.env.DATABASE_URL = url;
  process.env.DATABASE_POOL_SIZE ??= "2";
  const { getDb, closeDb } = await import("@/db/client");
  const { buildReport } = await import("@/lib/reports/build-report");
  const { reportFiltersSchema, resolveRange } = await import("@/lib/reports/report-query");
  const db = await getDb();
  try {
    let generationSeconds: number | null = null;
    if (preparation.generate) {
      log(`generating the inbox workspace (${preparation.reason}) …`);
      generationSeconds = await generate(url, wanted, log);
      log(`generated in ${generationSeconds.toFixed(1)} s`);
    }
    const workspace = await db.query.workspaces.findFirst({
      where: (t, { eq }) => eq(t.slug, BENCH_SLUG),
    });
    if (!workspace) throw new Error("the bench workspace is missing");
    const [history] = await rows<{ present: boolean }>(
      db,
      sql`select exists (select 1 from conversation_events where workspace_id = ${workspace.id}) as present`,
    );
    let reportSeconds: number | null = null;
    if (!history?.present) {
      log("generating the reports' history and rollups …");
      reportSeconds = await generateReportData(workspace.id);
      log(`reports' history and rollups in ${reportSeconds.toFixed(1)} s`);
    } else {
      log("reusing the generated history and rollups (BENCH_RESET=1 regenerates)");
    }
    log(`analyze: ${(await analyze(url)).toFixed(1)} s`);
    // A rebuild (here or in a migration) leaves the rollups' visibility map unset, so their
    // index-only scans would visit the heap until autovacuum comes by: vacuum them now.
    const vacuumed = performance.now();
    await db.execute(
      sql`vacuum (analyze) report_assignments, report_closes, report_member_days, report_inbound_hours, report_response_days, report_open_load, report_agent_replies`,
    );
    log(`vacuum of the rollups: ${seconds(vacuumed)} s`);

    const [sizes] = await rows<{
      conversations: number;
      events: number;
      messages: number;
      assignments: number;
    }>(
      db,
      sql`select (select count(*) from conversations where workspace_id = ${workspace.id})::int as conversations,
        (select count(*) from conversation_events where workspace_id = ${workspace.id})::int as events,
        (select count(*) from messages where workspace_id = ${workspace.id})::int as messages,
        (select count(*) from report_assignments where workspace_id = ${workspace.id})::int as assignments`,
    );
    const conversations = sizes?.conversations ?? 0;
    log(
      `${conversations.toLocaleString("en")} conversations, ${(sizes?.events ?? 0).toLocaleString("en")} events, ` +
        `${(sizes?.messages ?? 0).toLocaleString("en")} messages, ${(sizes?.assignments ?? 0).toLocaleString("en")} assignments`,
    );

    // "Now" is the newest event, so the last 30 days hold a third of the 90 generated.
    const [latest] = await rows<{ at: string }>(
      db,
      sql`select max(created_at)::text as at from conversation_events where workspace_id = ${workspace.id}`,
    );
    const now = new Date(latest?.at ?? Date.now());
    const [team] = await rows<{ id: string; name: string }>(
      db,
      sql`select id::text, name from teams where workspace_id = ${workspace.id} order by name limit 1`,
    );
    if (!team) throw new Error("the bench workspace has no team");
    const full = reportFiltersSchema.parse({ range: "30d" });
    const byTeam = reportFiltersSchema.parse({ range: "30d", teamId: team.id });
    const range = resolveRange(full, workspace.timeZone, now);
    log(`range: ${range.fromDay} … ${range.toDay} (${workspace.timeZone}); team: ${team.name}`);

    const baselineSql = sql`select count(*) from report_assignments
      where workspace_id = ${workspace.id} and assigned_at >= ${range.start.toISOString()}::timestamptz
        and assigned_at < ${range.end.toISOString()}::timestamptz`;
    const report = (filters: typeof full) =>
      buildReport(db, { workspace, scope: { all: true }, filters, now });

    const sample = await report(full);
    log(
      `30-day report: ${sample.members.length} member rows, ${sample.agents.length} agents, ` +
        `${sample.totals.assigned.toLocaleString("en")} assignments, ${sample.totals.closed.toLocaleString("en")} closes, ` +
        `${sample.totals.messagesSent.toLocaleString("en")} messages sent, ${sample.totals.inbound.toLocaleString("en")} inbound`,
    );

    const baselineSamples = await timeRuns(() => db.execute(baselineSql), runs, 3);
    const fullSamples = await timeRuns(() => report(full), runs, 3);
    const teamSamples = await timeRuns(() => report(byTeam), runs, 3);
    const baseline = summarize(baselineSamples);
    const whole = summarize(fullSamples);
    const teamed = summarize(teamSamples);
    const max = (samples: number[]) =>
      percentile(
        [...samples].sort((a, b) => a - b),
        100,
      );
    const line = (name: string, s: { p50_ms: number; p95_ms: number }, samples: number[]) =>
      `${name.padEnd(28)} p50 ${s.p50_ms.toFixed(1).padStart(7)} ms   p95 ${s.p95_ms.toFixed(1).padStart(7)} ms   max ${max(samples).toFixed(1).padStart(7)} ms`;
    log(line("baseline (indexed count)", baseline, baselineSamples));
    log(line("full 30-day report", whole, fullSamples));
    log(line(`team "${team.name}" report`, teamed, teamSamples));
    const ratio = whole.p95_ms / baseline.p95_ms;
    log(`ratio full p95 / baseline p95: ${ratio.toFixed(1)}×`);
    const met = whole.p95_ms <= TARGET_P95_MS && teamed.p95_ms <= TARGET_P95_MS;
    log(
      met ? `target met (p95 ≤ ${TARGET_P95_MS} ms)` : `TARGET MISSED (p95 ≤ ${TARGET_P95_MS} ms)`,
    );
    console.log(
      JSON.stringify({
        bench: "reports",
        conversations,
        p50_ms: whole.p50_ms,
        p95_ms: whole.p95_ms,
        team_p95_ms: teamed.p95_ms,
        team_p50_ms: teamed.p50_ms,
        baseline_p95_ms: baseline.p95_ms,
        ratio: Math.round(ratio * 10) / 10,
        generation_s: generationSeconds === null ? null : Math.round(generationSeconds),
        report_history_s: reportSeconds === null ? null : Math.round(reportSeconds),
      }),
    );
    return met;
  } finally {
    await closeDb();
  }
}

main().then(
  (met) => process.exit(met ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
