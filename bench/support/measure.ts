/** Timing, percentiles and query plans for the inbox bench. */
import type pg from "pg";

export interface Summary {
  p50_ms: number;
  p95_ms: number;
}

/** Nearest-rank percentile of ascending samples. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50_ms: round(percentile(sorted, 50)), p95_ms: round(percentile(sorted, 95)) };
}

/** `runs` sequential timed calls after `warmup` untimed ones; milliseconds each. */
export async function timeRuns(
  run: () => Promise<unknown>,
  runs: number,
  warmup = 5,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples;
}

/**
 * Times several queries `total` times each, in rounds: each round runs every query `block`
 * times in a row, starting one query further along each round. Repeated rounds spread a noisy
 * stretch of a shared machine over all queries alike (the baseline included), while a block
 * keeps the cache behaviour of a page read again and again; `block` 1 interleaves fully.
 * A warm-up round (5 runs of each, untimed) goes first. Returns each query's samples in
 * milliseconds, in the order given.
 */
export async function timeInterleaved(
  runs: (() => Promise<unknown>)[],
  total: number,
  block: number,
  warmup = 5,
): Promise<number[][]> {
  for (const run of runs) for (let i = 0; i < warmup; i++) await run();
  const samples: number[][] = runs.map(() => []);
  const size = Math.max(1, Math.min(block, total));
  for (let round = 0; round * size < total; round++) {
    const count = Math.min(size, total - round * size);
    for (let k = 0; k < runs.length; k++) {
      const i = (round + k) % runs.length;
      const run = runs[i];
      if (!run) continue;
      for (let n = 0; n < count; n++) {
        const start = performance.now();
        await run();
        samples[i]?.push(performance.now() - start);
      }
    }
  }
  return samples;
}

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function isPlanNode(value: unknown): value is PlanNode {
  return typeof value === "object" && value !== null && "Node Type" in value;
}

function* nodes(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) if (isPlanNode(child)) yield* nodes(child);
}

/** Tables on which a sequential scan fails the bench. */
const GUARDED = new Set(["conversations", "messages"]);

export interface PlanReport {
  /** Sequential scans on conversations or messages. */
  seqScans: number;
  /** Sequential scans on other tables (reported, not failed). */
  otherSeqScans: string[];
  /** The indexes the plan reads, in plan order. */
  indexes: string[];
}

/** EXPLAIN (FORMAT JSON) of a query as the app sent it, with its parameters. */
export async function explain(pool: pg.Pool, query: CapturedQuery): Promise<PlanReport> {
  const result = await pool.query(`explain (format json) ${query.sql}`, query.params);
  const row: unknown = result.rows[0];
  const document: unknown =
    typeof row === "object" && row !== null && "QUERY PLAN" in row ? row["QUERY PLAN"] : null;
  const top: unknown = Array.isArray(document) ? document[0] : null;
  const plan: unknown = typeof top === "object" && top !== null && "Plan" in top ? top.Plan : null;
  if (!isPlanNode(plan)) throw new Error(`unexpected EXPLAIN output for: ${query.sql}`);
  const report: PlanReport = { seqScans: 0, otherSeqScans: [], indexes: [] };
  for (const node of nodes(plan)) {
    const relation = node["Relation Name"];
    if (node["Node Type"] === "Seq Scan" && relation) {
      if (GUARDED.has(relation)) report.seqScans++;
      else report.otherSeqScans.push(relation);
    }
    const index = node["Index Name"];
    if (index && !report.indexes.includes(index)) report.indexes.push(index);
  }
  return report;
}

/** EXPLAIN (ANALYZE, BUFFERS) as text, for a look at a query that missed its target. */
export async function explainAnalyze(pool: pg.Pool, query: CapturedQuery): Promise<string> {
  const result = await pool.query<{ "QUERY PLAN": string }>(
    `explain (analyze, buffers) ${query.sql}`,
    query.params,
  );
  return result.rows.map((row) => row["QUERY PLAN"]).join("\n");
}
