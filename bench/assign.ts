/**
 * npm run bench:assign — the assignment engine under load, on real PostgreSQL.
 *
 * In its own database (BENCH_ASSIGN_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/switchboard_bench_assign), dropped and created afresh
 * each run and migrated by the app's own code:
 *   1. routing — 50 online Agents without capacity, balanced mode; BENCH_ASSIGN_ARRIVALS
 *      (default 10,000) conversations arrive from 8 concurrent workers on one pool
 *      (BENCH_ASSIGN_WORKERS): each is started by `startConversation` in its own transaction
 *      (contacts made beforehand) and, after that commit, routed by `routeAfterCommit` — the
 *      drain `receiveInboundMessage` runs after its commit, which routes whatever waits, so
 *      concurrent arrivals share drains. A conversation counts as routed when the drain that
 *      routed it has committed; its latency runs from the start of its arrival to then;
 *   2. claims — a 100-way "Assign to me" race on one conversation, 50 times
 *      (BENCH_ASSIGN_RACES), each claimer on its own connection (BENCH_ASSIGN_CLAIM_CONNECTIONS,
 *      default 50: PostgreSQL's default max_connections is 100);
 *   then, as a reference, the same arrivals with no routing at all (a manual-mode workspace);
 *   3. baseline — the same pool doing as many single-row `UPDATE … WHERE id = $1` round trips
 *      with the same number of workers.
 * Targets: routed throughput ≥ 0.25 × the baseline's, loads spread ≤ 1, no double
 * assignment, exactly one winner per race; a miss exits 1. The last line is one JSON object.
 */
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Database } from "@/db/client";
import { rows } from "@/db/rows";
import * as schema from "@/db/schema";
import { recreateDatabase } from "./support/database";
import { intFromEnv } from "./support/env";
import { percentile } from "./support/measure";

const TARGET = { ratio: 0.25, spread: 1 };

const url =
  process.env.BENCH_ASSIGN_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/switchboard_bench_assign";
const ARRIVALS = intFromEnv("BENCH_ASSIGN_ARRIVALS", 10_000);
const WORKERS = intFromEnv("BENCH_ASSIGN_WORKERS", 8);
const MEMBERS = 50;
const RACES = intFromEnv("BENCH_ASSIGN_RACES", 50);
const CLAIMERS = 100;
const CLAIM_CONNECTIONS = intFromEnv("BENCH_ASSIGN_CLAIM_CONNECTIONS", 50);
const WARMUP = 200;

const log = (line: string) => console.log(line);

/** `count` workers take jobs 0…jobs-1 in turn; each job's latency in milliseconds. */
async function runWorkers(
  jobs: number,
  count: number,
  job: (n: number) => Promise<unknown>,
): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async () => {
      while (next < jobs) {
        const n = next++;
        const t = performance.now();
        await job(n);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies };
}

const round = (n: number, digits = 3) =>
  Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : null;

interface Outcome {
  /** Arrival transactions per second with no routing at all (reference, no target). */
  arrivalsPerSecond: number;
  routed: number;
  opsPerSecond: number;
  latencies: number[];
  baselineOpsPerSecond: number;
  doubleAssignments: number;
  spread: number;
  winnersPerRace: number[];
}

async function main(): Promise<Outcome> {
  log(
    `bench:assign — ${ARRIVALS.toLocaleString("en")} arrivals, ${WORKERS} workers, ${MEMBERS} members; ${RACES} races of ${CLAIMERS} claims`,
  );
  log(`database: ${url.replace(/\/\/[^@/]*@/, "//")} (recreated)`);
  await recreateDatabase(url);

  // getDb() reads DATABASE_URL and migrates that database: set it before loading the app.
  process.env.DATABASE_URL = url;
  process.env.DATABASE_POOL_SIZE ??= String(WORKERS + 2);
  const { getDb } = await import("@/db/client");
  const { createWorkspace } = await import("@/lib/workspaces/create-workspace");
  const { receiveInboundMessage } = await import("@/lib/conversations/receive-inbound-message");
  const { startConversation } = await import("@/lib/assignment/conversation-lifecycle");
  const { routeAfterCommit } = await import("@/lib/assignment/drain-queue");
  const { claimConversation } = await import("@/lib/assignment/assign-conversation");
  const { viewerFor } = await import("@/lib/conversations/viewer");
  const { AppError } = await import("@/lib/errors");
  const db = await getDb();

  const [server] = await rows<{ version: string; sync: string; fsync: string }>(
    db,
    sql`select current_setting('server_version') as version,
          current_setting('synchronous_commit') as sync, current_setting('fsync') as fsync`,
  );
  log(`PostgreSQL ${server?.version}, synchronous_commit ${server?.sync}, fsync ${server?.fsync}`);

  /** A workspace whose creator is offline, with `count` online Agents. */
  async function workspaceWith(
    label: string,
    count: number,
    mode: schema.RoutingMode,
  ): Promise<{
    workspace: schema.Workspace;
    agents: { member: schema.Member; user: schema.User }[];
  }> {
    const person = async (name: string) => {
      const [user] = await db
        .insert(schema.users)
        .values({
          name,
          email: `${name.toLowerCase()}-${randomBytes(4).toString("hex")}@bench.test`,
        })
        .returning();
      if (!user) throw new Error("user insert returned nothing");
      return user;
    };
    const creator = await person(`${label} admin`);
    const created = await createWorkspace(db, { userId: creator.id, name: `Bench ${label}` });
    const [workspace] = await db
      .update(schema.workspaces)
      .set({ routingMode: mode })
      .where(eq(schema.workspaces.id, created.id))
      .returning();
    if (!workspace) throw new Error("workspace vanished");
    await db
      .update(schema.members)
      .set({ status: "offline" })
      .where(eq(schema.members.workspaceId, workspace.id));
    const agents = [];
    for (let i = 0; i < count; i++) {
      const user = await person(`${label} agent ${i + 1}`);
      const [member] = await db
        .insert(schema.members)
        .values({ workspaceId: workspace.id, userId: user.id, role: "agent", status: "online" })
        .returning();
      if (!member) throw new Error("member insert returned nothing");
      agents.push({ member, user });
    }
    return { workspace, agents };
  }

  const arrive = (workspaceId: string, handle: string) =>
    receiveInboundMessage(db, {
      workspaceId,
      channel: "api",
      handle,
      body: `Hello from ${handle}`,
    });

  /** `count` contacts of the workspace, made in one statement before anything is timed. */
  const contactsOf = async (workspaceId: string, count: number) =>
    (
      await db
        .insert(schema.contacts)
        .values(Array.from({ length: count }, (_, n) => ({ workspaceId, name: `Customer ${n}` })))
        .returning({ id: schema.contacts.id })
    ).map((c) => c.id);

  /**
   * `jobs` conversations arrive and are routed after commit; each one's time from the start
   * of its arrival to the commit of the drain that routed it, and how many were routed.
   */
  async function routeArrivals(workspace: schema.Workspace, jobs: number) {
    const contactIds = await contactsOf(workspace.id, jobs);
    const started = new Map<string, number>();
    const latencies: number[] = [];
    const run = await runWorkers(jobs, WORKERS, async (n) => {
      const t = performance.now();
      const now = new Date();
      const { conversation } = await db.transaction((tx) =>
        startConversation(tx, {
          workspace,
          contactId: contactIds[n] ?? "",
          channel: "api",
          subject: null,
          teamId: null,
          now,
        }),
      );
      started.set(conversation.id, t);
      const { routed } = await routeAfterCommit(db, {
        workspace,
        arrivals: [{ conversationId: conversation.id, trigger: "arrival" }],
        now,
      });
      const committed = performance.now();
      // Workers served by one drain all hear of everything it routed: count each once.
      for (const { conversationId } of routed) {
        const start = started.get(conversationId);
        if (start === undefined) continue;
        started.delete(conversationId);
        latencies.push(committed - start);
      }
    });
    return { seconds: run.seconds, latencies, routed: latencies.length };
  }

  // ── 1. Routing ──────────────────────────────────────────────────────────────────────────
  const warm = await workspaceWith("warm-up", MEMBERS, "balanced");
  await routeArrivals(warm.workspace, WARMUP);
  const { workspace } = await workspaceWith("routing", MEMBERS, "balanced");
  log(`routing ${ARRIVALS.toLocaleString("en")} arrivals …`);
  const routing = await routeArrivals(workspace, ARRIVALS);
  const opsPerSecond = routing.routed / routing.seconds;
  log(
    `  ${opsPerSecond.toFixed(0)} routed/s (${routing.routed} in ${routing.seconds.toFixed(1)} s)`,
  );

  const [routedCount] = await rows<{ routed: number; unowned: number; twice: number }>(
    db,
    sql`select
          (select count(*)::int from conversation_events
            where workspace_id = ${workspace.id} and type = 'routed') as routed,
          (select count(*)::int from conversations
            where workspace_id = ${workspace.id} and assignee_id is null) as unowned,
          (select count(*)::int from (
            select conversation_id from conversation_events
            where workspace_id = ${workspace.id} and type in ('routed', 'assigned')
            group by conversation_id having count(*) > 1) twice) as twice`,
  );
  const [loads] = await rows<{ max: number; min: number; drift: number }>(
    db,
    sql`select max(m.open_conversations)::int as max, min(m.open_conversations)::int as min,
          count(*) filter (where m.open_conversations <> (select count(*) from conversations c
            where c.assignee_id = m.id and c.status = 'open'))::int as drift
        from members m where m.workspace_id = ${workspace.id} and m.role = 'agent'`,
  );
  log(
    `  routed ${routedCount?.routed}, unowned ${routedCount?.unowned}, routed twice ${routedCount?.twice}; ` +
      `loads ${loads?.min}–${loads?.max}, kept loads off a recount: ${loads?.drift}`,
  );

  // ── Reference: the arrivals alone ───────────────────────────────────────────────────────
  // The same arrival transactions in a manual-mode workspace (nothing joins the queue, no
  // drain runs): the ceiling any routing on top of them has, next to the same baseline.
  const manual = await workspaceWith("arrivals", MEMBERS, "manual");
  const manualContacts = await contactsOf(manual.workspace.id, ARRIVALS);
  const arrivalsOnly = await runWorkers(ARRIVALS, WORKERS, (n) =>
    db.transaction((tx) =>
      startConversation(tx, {
        workspace: manual.workspace,
        contactId: manualContacts[n] ?? "",
        channel: "api",
        subject: null,
        teamId: null,
        now: new Date(),
      }),
    ),
  );
  const arrivalsPerSecond = ARRIVALS / arrivalsOnly.seconds;
  log(`arrivals alone (manual mode, no routing): ${arrivalsPerSecond.toFixed(0)}/s`);

  // ── 2. Claim races ──────────────────────────────────────────────────────────────────────
  const claims = await workspaceWith("claims", CLAIMERS, "manual");
  const viewers = await Promise.all(
    claims.agents.map(({ member, user }) =>
      viewerFor({ db, workspace: claims.workspace, member, user }),
    ),
  );
  const claimPool = new pg.Pool({ connectionString: url, max: CLAIM_CONNECTIONS });
  const claimDb: Database = drizzle({ client: claimPool, schema, casing: "snake_case" });
  const winnersPerRace: number[] = [];
  let claimDoubles = 0;
  let claimMisanswers = 0;
  try {
    await Promise.all(Array.from({ length: CLAIM_CONNECTIONS }, () => claimPool.query("select 1")));
    log(`claim races: ${RACES} × ${CLAIMERS} claimers over ${CLAIM_CONNECTIONS} connections …`);
    const raceStart = performance.now();
    for (let race = 0; race < RACES; race++) {
      const { conversation } = await arrive(claims.workspace.id, `race-${race}`);
      const results = await Promise.allSettled(
        viewers.map((viewer) =>
          claimConversation(claimDb, { viewer, conversationId: conversation.id }),
        ),
      );
      winnersPerRace.push(results.filter((r) => r.status === "fulfilled").length);
      claimMisanswers += results.filter(
        (r) =>
          r.status === "rejected" &&
          !(r.reason instanceof AppError && r.reason.code === "already_assigned"),
      ).length;
      const [events] = await rows<{ n: number }>(
        db,
        sql`select count(*)::int as n from conversation_events
            where conversation_id = ${conversation.id} and type = 'assigned'`,
      );
      if ((events?.n ?? 0) > 1) claimDoubles += 1;
    }
    const raceSeconds = (performance.now() - raceStart) / 1000;
    log(
      `  ${(RACES / raceSeconds).toFixed(1)} races/s; winners per race: ${[...new Set(winnersPerRace)].join(", ")}; ` +
        `losers not told already_assigned: ${claimMisanswers}`,
    );
  } finally {
    await claimPool.end();
  }

  // ── 3. Baseline ─────────────────────────────────────────────────────────────────────────
  const ids = (
    await db
      .select({ id: schema.conversations.id })
      .from(schema.conversations)
      .where(and(eq(schema.conversations.workspaceId, workspace.id)))
      .limit(ARRIVALS)
  ).map((r) => r.id);
  const client = await connectionPool();
  const update = (n: number) =>
    client.query("update conversations set last_message_preview = $2 where id = $1", [
      ids[n % ids.length],
      `baseline ${n}`,
    ]);
  await runWorkers(WARMUP, WORKERS, update);
  const baseline = await runWorkers(ARRIVALS, WORKERS, update);
  const baselineOpsPerSecond = ARRIVALS / baseline.seconds;
  log(
    `baseline: ${baselineOpsPerSecond.toFixed(0)} single-row UPDATEs/s (${baseline.seconds.toFixed(1)} s, p50 ${percentile(
      [...baseline.latencies].sort((a, b) => a - b),
      50,
    ).toFixed(2)} ms)`,
  );

  return {
    arrivalsPerSecond,
    routed: routedCount?.routed ?? 0,
    opsPerSecond,
    latencies: routing.latencies,
    baselineOpsPerSecond,
    doubleAssignments: (routedCount?.twice ?? 0) + claimDoubles + (loads?.drift ?? 0),
    spread: (loads?.max ?? 0) - (loads?.min ?? 0),
    winnersPerRace: claimMisanswers > 0 ? [...winnersPerRace, -1] : winnersPerRace,
  };
}

/** The app's own pg Pool, so the baseline runs over the very connections routing used. */
async function connectionPool(): Promise<pg.Pool> {
  const { getDb } = await import("@/db/client");
  const db = await getDb();
  const client: unknown = (db as unknown as { $client: unknown }).$client;
  if (!(client instanceof pg.Pool)) throw new Error("the app's database is not a pg Pool");
  return client;
}

let outcome: Outcome | null = null;
let failure: unknown = null;
try {
  outcome = await main();
} catch (error) {
  failure = error;
  console.error(error);
} finally {
  const { closeDb } = await import("@/db/client");
  await closeDb().catch(() => undefined);
}

const sorted = [...(outcome?.latencies ?? [])].sort((a, b) => a - b);
const ratio = outcome ? outcome.opsPerSecond / outcome.baselineOpsPerSecond : Number.NaN;
const winners = outcome?.winnersPerRace ?? [];
const winnersPerRace =
  winners.length > 0 && winners.every((n) => n === 1) ? 1 : Math.max(0, ...winners);
const missed: string[] = [];
if (failure) missed.push(`the run failed: ${String(failure)}`);
if (outcome) {
  if (outcome.routed !== ARRIVALS) missed.push(`routed ${outcome.routed} of ${ARRIVALS}`);
  if (ratio < TARGET.ratio) {
    missed.push(`ratio ${ratio.toFixed(3)} < ${TARGET.ratio} of the baseline's throughput`);
  }
  if (outcome.spread > TARGET.spread)
    missed.push(`loads spread ${outcome.spread} > ${TARGET.spread}`);
  if (outcome.doubleAssignments > 0)
    missed.push(`${outcome.doubleAssignments} double assignment(s)`);
  if (winnersPerRace !== 1) missed.push("a claim race did not end with exactly one winner");
}
if (missed.length > 0) {
  log(`\nMISSED ${missed.length} target(s):`);
  for (const line of missed) log(`  - ${line}`);
  process.exitCode = 1;
} else {
  log(
    `\nall targets met: ratio ≥ ${TARGET.ratio}, spread ≤ ${TARGET.spread}, no double assignment, one winner per race`,
  );
}
log(
  JSON.stringify({
    bench: "assign",
    routed: outcome?.routed ?? 0,
    ops_per_s: round(outcome?.opsPerSecond ?? Number.NaN, 1),
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    p99_ms: round(percentile(sorted, 99)),
    baseline_ops_per_s: round(outcome?.baselineOpsPerSecond ?? Number.NaN, 1),
    ratio: round(ratio),
    double_assignments: outcome?.doubleAssignments ?? null,
    max_min_spread: outcome?.spread ?? null,
    claim_races: winners.filter((n) => n >= 0).length,
    claim_winners_per_race: winnersPerRace,
    arrivals_only_ops_per_s: round(outcome?.arrivalsPerSecond ?? Number.NaN, 1),
    arrivals_only_ratio: round(
      outcome ? outcome.arrivalsPerSecond / outcome.baselineOpsPerSecond : Number.NaN,
    ),
  }),
);
