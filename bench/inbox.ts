/**
 * npm run bench:inbox — the inbox list, search and view counts on a big workspace.
 *
 * Generates (or reuses) a workspace of BENCH_CONVERSATIONS conversations (default 1,000,000)
 * with 200 members, 20 teams and ~5 messages per conversation in its own database
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/switchboard_bench;
 * BENCH_RESET=1 regenerates), runs ANALYZE, then times the app's own `listConversations` and
 * `countViews` (BENCH_RUNS times each, default 200) against a bare indexed
 * `SELECT * … ORDER BY last_message_at DESC LIMIT 50` (the same 50 rows' ids alone are timed
 * beside it as a reference), in rounds: each round runs every list,
 * count and the baseline BENCH_BLOCK times in a row (default 50; searches get rounds of their
 * own), so a noisy stretch of the machine falls on each alike. Every measured query is
 * EXPLAINed; a sequential scan on conversations or messages fails the run, as does a missed
 * target. The last line of output is one JSON object.
 */
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Database } from "@/db/client";
import { rows } from "@/db/rows";
import * as schema from "@/db/schema";
import type { ListQuery } from "@/lib/conversations/schemas";
import type { Viewer } from "@/lib/conversations/viewer";
import {
  BENCH_SLUG,
  COMMON_LAST_NAME,
  DISTINCTIVE_NAME,
  FILTER_ASSIGNEE,
  MEASURED_AGENT,
  RARE_WORD,
} from "./support/data";
import { intFromEnv } from "./support/env";
import { analyze, generate, memberUuid, prepareDatabase } from "./support/generate";
import {
  type CapturedQuery,
  explain,
  explainAnalyze,
  type PlanReport,
  type Summary,
  summarize,
  timeInterleaved,
} from "./support/measure";

const TARGET = { viewP95: 10, ratio: 3, searchP95: 100, countsP95: 10 };
/** The deep page is the one after this many pages (1,000 rows in at 50 a page). */
const DEEP_PAGES = 20;

const url =
  process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/switchboard_bench";
const wanted = intFromEnv("BENCH_CONVERSATIONS", 1_000_000);
const runs = intFromEnv("BENCH_RUNS", 200);
/** Runs of one query in a row before the next query's turn (see `timeInterleaved`). */
const block = intFromEnv("BENCH_BLOCK", 50);
const explainAll = process.env.BENCH_EXPLAIN === "1";

/** `reference`: timed and printed beside the baseline, held to no target. */
type Kind = "baseline" | "reference" | "view" | "search" | "counts";

/** A query to time: the app call that runs it, on the timed pool or the plan-capturing one. */
interface Measured {
  name: string;
  kind: Kind;
  page?: number;
  run: (on: Database) => Promise<unknown>;
}

interface Result {
  name: string;
  kind: Kind;
  /** Page number measured (1 = first page); absent for counts and the baseline. */
  page?: number;
  summary: Summary;
  queries: CapturedQuery[];
  plans: PlanReport[];
}

const log = (line: string) => console.log(line);
const fmt = (ms: number) => ms.toFixed(2).padStart(7);

async function main(results: Result[]): Promise<{ generationSeconds: number | null }> {
  log(`bench:inbox — ${wanted.toLocaleString("en")} conversations, ${runs} runs per query`);
  log(`database: ${url.replace(/\/\/[^@/]*@/, "//")}`);
  const preparation = await prepareDatabase(url, wanted, process.env.BENCH_RESET === "1");

  // getDb() reads DATABASE_URL and migrates that database: set it before loading the app.
  process.env.DATABASE_URL = url;
  const { getDb } = await import("@/db/client");
  const { viewerFor } = await import("@/lib/conversations/viewer");
  const { listConversations } = await import("@/lib/conversations/list-conversations");
  const { countViews } = await import("@/lib/conversations/count-views");
  const { listQuerySchema } = await import("@/lib/conversations/schemas");
  const db = await getDb();

  let generationSeconds: number | null = null;
  if (preparation.generate) {
    log(`generating (${preparation.reason}) …`);
    generationSeconds = await generate(url, wanted, log);
    log(`generated in ${generationSeconds.toFixed(1)} s`);
  } else {
    log("reusing the generated workspace (BENCH_RESET=1 regenerates)");
  }
  log(`analyze: ${(await analyze(url)).toFixed(1)} s`);

  const [server] = await rows<{ version: string; shared_buffers: string; jit: string }>(
    db,
    sql`select current_setting('server_version') as version,
          current_setting('shared_buffers') as shared_buffers, current_setting('jit') as jit`,
  );
  const [sizes] = await rows<{ conversations: string; messages: string; contacts: string }>(
    db,
    sql`select (select count(*) from conversations) as conversations,
          (select count(*) from messages) as messages, (select count(*) from contacts) as contacts`,
  );
  log(
    `PostgreSQL ${server?.version}, shared_buffers ${server?.shared_buffers}, jit ${server?.jit}; ` +
      `${Number(sizes?.conversations).toLocaleString("en")} conversations, ` +
      `${Number(sizes?.messages).toLocaleString("en")} messages, ` +
      `${Number(sizes?.contacts).toLocaleString("en")} contacts`,
  );

  // The viewers, built the way requests build them.
  const workspace = await db.query.workspaces.findFirst({
    where: (t, { eq }) => eq(t.slug, BENCH_SLUG),
  });
  if (!workspace) throw new Error("the bench workspace is missing");
  const viewerOf = async (n: number): Promise<Viewer> => {
    const member = await db.query.members.findFirst({
      where: (t, { eq }) => eq(t.id, memberUuid(n)),
    });
    const user = member
      ? await db.query.users.findFirst({ where: (t, { eq }) => eq(t.id, member.userId) })
      : undefined;
    if (!member || !user) throw new Error(`bench member ${n} is missing`);
    return viewerFor({ db, workspace, member, user });
  };
  const admin = await viewerOf(1);
  const agent = await viewerOf(MEASURED_AGENT);
  const assignee = await viewerOf(FILTER_ASSIGNEE);
  const agentTeam = agent.teamIds[0];
  if (!agentTeam) throw new Error("the measured agent has no team");
  log(
    `viewers: Admin ${admin.member?.id}; Agent ${agent.member?.id} ` +
      `(${agent.teamIds.length} teams, measured team ${agentTeam})`,
  );

  // A second connection pool whose drizzle instance records the SQL the app functions send,
  // so each measured query can be EXPLAINed exactly as it ran.
  const planPool = new pg.Pool({ connectionString: url, max: 2 });
  const captured: CapturedQuery[] = [];
  const captureDb: Database = drizzle({
    client: planPool,
    schema,
    casing: "snake_case",
    logger: { logQuery: (query, params) => captured.push({ sql: query, params }) },
  });
  const plansOf = async (run: (on: Database) => Promise<unknown>) => {
    captured.length = 0;
    await run(captureDb);
    const queries = [...captured];
    const plans = [];
    for (const query of queries) plans.push(await explain(planPool, query));
    return { queries, plans };
  };

  try {
    // Baseline: a bare indexed page — the 50 newest open conversations read whole, in order,
    // from conversations_status_activity_idx (workspace_id, status, last_message_at, id), with
    // no scope, filter, join or read state: what any list page costs before the app's work.
    // The status is needed to reach the order, and the ORDER BY follows the index's NULLS
    // order, whichever the migrations gave it. Printed beside it as a reference: the same
    // range's ids alone (an index-only scan, reading no row), the reading earlier runs used.
    const [index] = await rows<{ def: string }>(
      db,
      sql`select indexdef as def from pg_indexes where indexname = 'conversations_status_activity_idx'`,
    );
    const nullsLast = /last_message_at DESC NULLS LAST/i.test(index?.def ?? "");
    const order = nullsLast ? sql.raw("desc nulls last") : sql.raw("desc");
    const baselineSql = sql`select * from conversations where workspace_id = ${workspace.id} and status = 'open' order by last_message_at ${order} limit 50`;
    const idsSql = sql`select id from conversations where workspace_id = ${workspace.id} and status = 'open' order by last_message_at ${order} limit 50`;
    log(
      "baseline: select * from conversations where workspace_id = $1 and status = 'open' " +
        `order by last_message_at ${nullsLast ? "desc nulls last" : "desc"} limit 50`,
    );
    if (nullsLast) {
      log("  note: the index is DESC NULLS LAST, while the app orders by plain DESC (NULLS FIRST)");
    }
    // Every query to time, with the app call that runs it. They are timed in rounds (see
    // `timeInterleaved`), so a noisy stretch of the machine hits every query alike, the
    // baseline included, instead of whichever happened to be measured then.
    const measured: Measured[] = [
      { name: "baseline", kind: "baseline", run: (on) => on.execute(baselineSql) },
      // The same range's ids alone: an index-only scan that reads no row at all.
      { name: "ids baseline", kind: "reference", run: (on) => on.execute(idsSql) },
    ];
    const cases: { name: string; kind: "view" | "search"; viewer: Viewer; query: object }[] = [
      { name: "agent mine", kind: "view", viewer: agent, query: { view: "mine" } },
      { name: "agent unassigned", kind: "view", viewer: agent, query: { view: "unassigned" } },
      {
        name: "agent team",
        kind: "view",
        viewer: agent,
        query: { view: "team", teamId: agentTeam },
      },
      { name: "agent ai", kind: "view", viewer: agent, query: { view: "ai" } },
      { name: "agent closed", kind: "view", viewer: agent, query: { view: "closed" } },
      { name: "admin all", kind: "view", viewer: admin, query: { view: "all" } },
      { name: "admin unassigned", kind: "view", viewer: admin, query: { view: "unassigned" } },
      {
        name: "admin team",
        kind: "view",
        viewer: admin,
        query: { view: "team", teamId: agentTeam },
      },
      { name: "admin closed", kind: "view", viewer: admin, query: { view: "closed" } },
      {
        name: "admin assignee=X",
        kind: "view",
        viewer: admin,
        query: { view: "all", assignee: assignee.member?.id },
      },
      { name: "admin unread", kind: "view", viewer: admin, query: { view: "all", unread: true } },
      {
        name: `search word "${RARE_WORD}"`,
        kind: "search",
        viewer: admin,
        query: { view: "all", q: RARE_WORD },
      },
      {
        name: `search name "${DISTINCTIVE_NAME}"`,
        kind: "search",
        viewer: admin,
        query: { view: "all", q: DISTINCTIVE_NAME },
      },
      {
        name: `search name "${COMMON_LAST_NAME}"`,
        kind: "search",
        viewer: admin,
        query: { view: "all", q: COMMON_LAST_NAME },
      },
      {
        name: `agent search "${RARE_WORD}"`,
        kind: "search",
        viewer: agent,
        query: { view: "all", q: RARE_WORD },
      },
    ];

    for (const entry of cases) {
      const first: ListQuery = listQuerySchema.parse(entry.query);
      const list = (query: ListQuery) => (on: Database) =>
        listConversations(on, entry.viewer, query);
      measured.push({ name: entry.name, kind: entry.kind, page: 1, run: list(first) });
      // Walk DEEP_PAGES pages in, then keep re-reading the page that cursor points to.
      let cursor: string | undefined;
      let page = 1;
      for (let i = 0; i < DEEP_PAGES; i++) {
        const next = (await listConversations(db, entry.viewer, { ...first, cursor })).nextCursor;
        if (!next) break;
        cursor = next;
        page++;
      }
      if (cursor) {
        measured.push({
          name: `${entry.name} deep`,
          kind: entry.kind,
          page,
          run: list({ ...first, cursor }),
        });
      } else log(`${entry.name.padEnd(34)} (one page only: no deep page)`);
    }
    for (const [name, viewer] of [
      ["counts admin", admin],
      ["counts agent", agent],
    ] as const) {
      measured.push({ name, kind: "counts", run: (on) => countViews(on, viewer) });
    }

    // Searches read far more pages than a list (trigram and full-text indexes, many
    // conversations): timed in their own rounds, so they do not churn the buffer cache under
    // the lists and the baseline they are compared with.
    const groups = [
      measured.filter((m) => m.kind !== "search"),
      measured.filter((m) => m.kind === "search"),
    ];
    const samples = new Map<Measured, number[]>();
    for (const group of groups) {
      log(`timing ${group.length} queries × ${runs} runs, in rounds of ${block} …`);
      const timed = await timeInterleaved(
        group.map((m) => () => m.run(db)),
        runs,
        block,
      );
      for (const [i, m] of group.entries()) samples.set(m, timed[i] ?? []);
    }
    for (const m of measured) {
      const result: Result = {
        name: m.name,
        kind: m.kind,
        ...(m.page ? { page: m.page } : {}),
        summary: summarize(samples.get(m) ?? []),
        ...(await plansOf(m.run)),
      };
      results.push(result);
      log(row(result));
    }

    // A query that misses its target gets its EXPLAIN ANALYZE printed (BENCH_EXPLAIN=1: all).
    const baselineP95 = results[0]?.summary.p95_ms ?? Number.NaN;
    for (const result of results) {
      if (explainAll || missesOf(result, baselineP95).length > 0) {
        await printPlans(planPool, result);
      }
    }
    return { generationSeconds };
  } finally {
    await planPool.end();
  }

  async function printPlans(pool: pg.Pool, result: Result) {
    for (const query of result.queries) {
      log(`\n--- ${result.name}${result.page ? ` (page ${result.page})` : ""}\n${query.sql}`);
      log(`params: ${JSON.stringify(query.params)}`);
      log(await explainAnalyze(pool, query));
    }
  }
}

const seqScansOf = (result: Result) => result.plans.reduce((n, plan) => n + plan.seqScans, 0);

function row(result: Result, baselineP95?: number): string {
  const seq = seqScansOf(result);
  const indexes = [...new Set(result.plans.flatMap((plan) => plan.indexes))].join(", ");
  const others = [...new Set(result.plans.flatMap((plan) => plan.otherSeqScans))];
  const page = result.page ? String(result.page).padStart(5) : "     ";
  const ratio =
    baselineP95 && (result.kind === "view" || result.kind === "reference")
      ? `${(result.summary.p95_ms / baselineP95).toFixed(1)}×`.padStart(7)
      : "       ";
  return (
    `${result.name.padEnd(34)}${page}${fmt(result.summary.p50_ms)}${fmt(result.summary.p95_ms)}` +
    `${baselineP95 === undefined ? "" : ratio}  ` +
    `${seq ? `SEQ SCAN ×${seq}; ` : ""}${others.length ? `seq scan on ${others.join(", ")}; ` : ""}` +
    indexes
  );
}

/** What a result missed, in words; empty when it meets its targets. */
function missesOf(result: Result, baselineP95: number): string[] {
  const found: string[] = [];
  const p95 = result.summary.p95_ms;
  const label = `${result.name}${result.page ? ` (page ${result.page})` : ""}`;
  const seq = seqScansOf(result);
  if (seq > 0) found.push(`${label}: ${seq} sequential scan(s) on conversations/messages`);
  if (result.kind === "view") {
    if (p95 > TARGET.viewP95) found.push(`${label}: p95 ${p95} ms > ${TARGET.viewP95} ms`);
    if (p95 > TARGET.ratio * baselineP95) {
      found.push(
        `${label}: p95 ${p95} ms is ${(p95 / baselineP95).toFixed(1)}× the baseline (> ${TARGET.ratio}×)`,
      );
    }
  }
  if (result.kind === "search" && p95 > TARGET.searchP95) {
    found.push(`${label}: p95 ${p95} ms > ${TARGET.searchP95} ms`);
  }
  if (result.kind === "counts" && p95 > TARGET.countsP95) {
    found.push(`${label}: p95 ${p95} ms > ${TARGET.countsP95} ms`);
  }
  return found;
}

const results: Result[] = [];
let failure: unknown = null;
let generationSeconds: number | null = null;
try {
  ({ generationSeconds } = await main(results));
} catch (error) {
  failure = error;
  console.error(error);
} finally {
  const { closeDb } = await import("@/db/client");
  await closeDb().catch(() => undefined);
}

const baselineP95 = results.find((r) => r.kind === "baseline")?.summary.p95_ms ?? Number.NaN;
const views = Object.fromEntries(
  results.filter((r) => r.kind === "view" || r.kind === "search").map((r) => [r.name, r.summary]),
);
const worstP95 = (kind: Kind) =>
  Math.max(0, ...results.filter((r) => r.kind === kind).map((r) => r.summary.p95_ms));
const seqScans = results.reduce((n, r) => n + seqScansOf(r), 0);
const idsBaselineP95 = results.find((r) => r.kind === "reference")?.summary.p95_ms ?? Number.NaN;

log("");
log(`${"query".padEnd(34)} page p50 ms p95 ms  ×base  plan`);
for (const result of results) log(row(result, baselineP95));
if (generationSeconds !== null) log(`generation: ${generationSeconds.toFixed(1)} s`);
const missed = failure
  ? [`the run failed: ${String(failure)}`]
  : results.flatMap((r) => missesOf(r, baselineP95));
if (missed.length > 0) {
  log(`\nMISSED ${missed.length} target(s):`);
  for (const line of missed) log(`  - ${line}`);
  process.exitCode = 1;
} else {
  log(
    `\nall targets met: views p95 ≤ ${TARGET.viewP95} ms and ≤ ${TARGET.ratio}× baseline, ` +
      `search p95 ≤ ${TARGET.searchP95} ms, counts p95 ≤ ${TARGET.countsP95} ms, no sequential scans`,
  );
}
const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : null);
log(
  JSON.stringify({
    bench: "inbox",
    conversations: wanted,
    views,
    baseline_p95_ms: round(baselineP95),
    worst_ratio: round(worstP95("view") / baselineP95),
    ids_baseline_p95_ms: round(idsBaselineP95),
    worst_ratio_vs_ids: round(worstP95("view") / idsBaselineP95),
    search_p95_ms: round(worstP95("search")),
    counts_p95_ms: round(worstP95("counts")),
    seq_scans: seqScans,
  }),
);
