/**
 * The bench database: created when missing, reused when it already holds a finished bench
 * workspace of the wanted size, otherwise dropped and generated again, entirely in SQL
 * (`insert … select … from generate_series`, one statement per batch), so Node only sends
 * a few dozen statements whatever the size.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import {
  BENCH_SLUG,
  DISTINCTIVE_NAME,
  firstNames,
  lastNames,
  MANAGER_COUNT,
  MEASURED_AGENT,
  MEMBER_COUNT,
  RARE_WORD,
  TEAM_COUNT,
  teamNames,
  vocabulary,
} from "./data";

/** Conversations per statement: ~500,000 messages each. */
const BATCH = 100_000;
/** Tables whose secondary indexes are dropped during the load and built afterwards. */
const BULK_TABLES = ["contacts", "contact_identities", "conversations", "messages"];

/** The name the workspace gets once generation has finished; anything else means "redo". */
export const readyName = (conversations: number) => `Bench (${conversations} conversations)`;

// Every generated id is derived from a label ("m12": member 12, "c5": conversation 5), so rows
// refer to each other without lookups: the label's md5 with the version and variant digits of a
// v4 UUID, which the app's z.uuid() accepts.
const memberId = (n: number) => `pg_temp.uid('m${n}')`;

/** Member n's id, computed in Node as pg_temp.uid computes it. */
export function memberUuid(n: number): string {
  const hex = createHash("md5").update(`m${n}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export type Preparation = { generate: false } | { generate: true; reason: string };

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unexpected bench database name "${name}"`);
  return name;
}

function serverUrl(url: string): string {
  const server = new URL(url);
  server.pathname = "/postgres";
  return server.toString();
}

/**
 * Makes sure the bench database exists and says whether it must be (re)generated. A database
 * that has to be regenerated is dropped and created empty, so migrations start from scratch.
 */
export async function prepareDatabase(
  url: string,
  conversations: number,
  reset: boolean,
): Promise<Preparation> {
  const name = databaseName(url);
  const exists = await withClient(serverUrl(url), async (client) => {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    return found.rowCount === 1;
  });
  let reason = reset ? "BENCH_RESET=1" : "new database";
  if (exists && !reset) {
    const state = await withClient(url, async (client) => {
      const tables = await client.query<{ ok: boolean }>(
        "select to_regclass('public.conversations') is not null as ok",
      );
      if (!tables.rows[0]?.ok) return "no schema";
      const ws = await client.query<{ id: string; name: string }>(
        "select id, name from workspaces where slug = $1",
        [BENCH_SLUG],
      );
      const workspace = ws.rows[0];
      if (!workspace) return "no bench workspace";
      if (workspace.name !== readyName(conversations)) {
        return `workspace is "${workspace.name}", wanted "${readyName(conversations)}"`;
      }
      const count = await client.query<{ n: string }>(
        "select count(*) as n from conversations where workspace_id = $1",
        [workspace.id],
      );
      const n = Number(count.rows[0]?.n ?? 0);
      return n === conversations ? "ready" : `holds ${n} conversations, wanted ${conversations}`;
    });
    if (state === "ready") return { generate: false };
    reason = state;
  }
  await withClient(serverUrl(url), async (client) => {
    if (exists) await client.query(`drop database "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  });
  return { generate: true, reason };
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

/**
 * Fills the (freshly migrated, empty) bench database with one workspace of `total`
 * conversations. Returns the elapsed seconds.
 */
export async function generate(url: string, total: number, log: (line: string) => void) {
  const started = performance.now();
  return withClient(url, async (client) => {
    const step = async (label: string, text: string, params: unknown[] = []) => {
      const t = performance.now();
      const result = await client.query(text, params);
      log(`  ${label}: ${result.rowCount ?? 0} rows in ${seconds(t)} s`);
      return result;
    };
    await client.query("set maintenance_work_mem = '256MB'");
    await client.query("set synchronous_commit = off");
    // The report rollups' triggers (migration 0014) skip this bulk load; bench:reports
    // generates its events and rebuilds the rollups in one statement afterwards.
    await client.query("set switchboard.report_rollups = 'off'");
    await client.query(`
      create function pg_temp.uid(label text) returns uuid
      language sql immutable parallel safe
      as $$ select overlay(overlay(md5($1) placing '4' from 13) placing '8' from 17)::uuid $$`);
    // r(i, salt, m): a deterministic pseudo-random integer in [0, m) for row i.
    await client.query(`
      create function pg_temp.r(i bigint, salt int, m int) returns int
      language sql immutable parallel safe
      as $$ select ((hashint8($1 * 1009 + $2)::bigint + 2147483648) % $3)::int $$`);
    // Conversation i, as every table derives it.
    await client.query(`
      create function pg_temp.conv(lo bigint, hi bigint, base timestamptz)
      returns table (i bigint, id uuid, contact_id uuid, channel channel,
        status conversation_status, assignee_id uuid, team_id uuid, agent_session_id uuid,
        at timestamptz, n int)
      language sql stable
      as $$
        select i,
          pg_temp.uid('c' || i),
          pg_temp.uid('k' || i),
          (case when pg_temp.r(i, 1, 10) < 5 then 'web_chat'
                when pg_temp.r(i, 1, 10) < 8 then 'whatsapp' else 'api' end)::channel,
          (case when pg_temp.r(i, 2, 10) < 2 then 'closed' else 'open' end)::conversation_status,
          case when pg_temp.r(i, 3, 10) < 7 then pg_temp.uid('m' || (1 + pg_temp.r(i, 4, ${MEMBER_COUNT}))) end,
          case when pg_temp.r(i, 5, 10) < 6 then pg_temp.uid('t' || (1 + pg_temp.r(i, 6, ${TEAM_COUNT}))) end,
          case when pg_temp.r(i, 7, 100) < 5 then pg_temp.uid('s' || i) end,
          date_trunc('milliseconds', base
            - pg_temp.r(i, 8, 90 * 86400) * interval '1 second'
            - pg_temp.r(i, 9, 1000) * interval '1 millisecond'),
          3 + pg_temp.r(i, 10, 5)
        from generate_series(lo, hi) i
      $$`);
    // 10,000 message bodies of 6–14 vocabulary words; 10 of them carry the rare word.
    await step(
      "message bodies",
      `create temp table bench_bodies as
       select n, upper(left(s, 1)) || substr(s, 2) || '.' as body
       from (
         select n, array_to_string(array(
             select ($1::text[])[1 + pg_temp.r(n * 16 + k, 30, array_length($1::text[], 1))]
             from generate_series(1, 6 + pg_temp.r(n, 31, 9)) k), ' ')
           || case when n % 1000 = 7 then ' ' || $2 else '' end as s
         from generate_series(0, 9999) n
       ) b`,
      [vocabulary, RARE_WORD],
    );
    await client.query("alter table bench_bodies add primary key (n)");

    const ws = await step(
      "workspace",
      `insert into workspaces (slug, name, plan) values ($1, 'Bench (generating)', 'business')
       returning id`,
      [BENCH_SLUG],
    );
    const workspaceId: unknown = ws.rows[0]?.id;
    if (typeof workspaceId !== "string") throw new Error("workspace insert returned no id");

    await step(
      "users",
      `insert into users (id, name, email, created_at)
       select 'bench-user-' || m,
         ($1::text[])[1 + pg_temp.r(m, 40, 100)] || ' ' || ($2::text[])[1 + pg_temp.r(m, 41, 100)],
         'member' || m || '@bench.test', now() - interval '180 days'
       from generate_series(1, ${MEMBER_COUNT}) m`,
      [firstNames, lastNames],
    );
    await step(
      "members",
      `insert into members (id, workspace_id, user_id, role, status, capacity, last_active_at, created_at)
       select pg_temp.uid('m' || m), $1, 'bench-user-' || m,
         (case when m = 1 then 'admin' when m <= ${1 + MANAGER_COUNT} then 'manager' else 'agent' end)::member_role,
         (case pg_temp.r(m, 42, 3) when 0 then 'online' when 1 then 'away' else 'offline' end)::member_status,
         case when m > ${1 + MANAGER_COUNT} and m % 4 = 0 then 25 end,
         now() - pg_temp.r(m, 43, 86400) * interval '1 second',
         now() - interval '180 days'
       from generate_series(1, ${MEMBER_COUNT}) m`,
      [workspaceId],
    );
    await step(
      "teams",
      `insert into teams (id, workspace_id, name, routing_mode)
       select pg_temp.uid('t' || t), $1, ($2::text[])[t],
         (array['inherit', 'manual', 'balanced', 'round_robin'])[1 + t % 4]::team_routing_mode
       from generate_series(1, ${TEAM_COUNT}) t`,
      [workspaceId, teamNames],
    );
    // Every member in one team, every other member in a second one.
    await step(
      "team members",
      `insert into team_members (team_id, member_id)
       select distinct pg_temp.uid('t' || t), pg_temp.uid('m' || m)
       from generate_series(1, ${MEMBER_COUNT}) m,
         lateral (values (1 + (m - 1) % ${TEAM_COUNT}),
                         (case when m % 2 = 0 then 1 + (m * 7) % ${TEAM_COUNT} else 1 + (m - 1) % ${TEAM_COUNT} end)) v(t)`,
    );

    // Secondary indexes are built once at the end: much cheaper than maintaining them row by
    // row. Their definitions are read back from the catalog, so they stay the migrations'.
    const indexes = await client.query<{ name: string; def: string }>(
      `select indexname as name, indexdef as def from pg_indexes
       where schemaname = 'public' and tablename = any($1)
         and indexname not in (select conname from pg_constraint)`,
      [BULK_TABLES],
    );
    for (const index of indexes.rows) await client.query(`drop index "${index.name}"`);
    log(`  dropped ${indexes.rowCount} secondary indexes for the load`);

    const base = new Date();
    for (let lo = 1; lo <= total; lo += BATCH) {
      const hi = Math.min(total, lo + BATCH - 1);
      const t = performance.now();
      const params = [workspaceId, lo, hi, base];
      await client.query(
        `insert into contacts (id, workspace_id, name, email, phone, created_at)
         select c.contact_id, $1, nm.name,
           case when c.channel <> 'whatsapp'
             then coalesce(lower(replace(nm.name, ' ', '.')), 'visitor') || '.' || c.i || '@example.com' end,
           case when c.channel = 'whatsapp' then '+1 555 ' || lpad(c.i::text, 7, '0') end,
           c.at - c.n * interval '7 minutes'
         from pg_temp.conv($2, $3, $4) c,
           lateral (select case
             when c.i % 200000 = 77 then $7
             when pg_temp.r(c.i, 22, 10) = 0 then null
             else ($5::text[])[1 + pg_temp.r(c.i, 20, 100)] || ' ' || ($6::text[])[1 + pg_temp.r(c.i, 21, 100)]
           end as name) nm`,
        [...params, firstNames, lastNames, DISTINCTIVE_NAME],
      );
      await client.query(
        `insert into contact_identities (workspace_id, contact_id, channel, handle, created_at)
         select $1, c.contact_id, c.channel,
           case c.channel when 'whatsapp' then '+1555' || lpad(c.i::text, 7, '0')
                          when 'web_chat' then 'visitor-' || c.i else 'ext-' || c.i end,
           c.at - c.n * interval '7 minutes'
         from pg_temp.conv($2, $3, $4) c`,
        params,
      );
      // The preview is the last message's body; the customer waits when it was inbound.
      await client.query(
        `insert into conversations (id, workspace_id, contact_id, channel, status, assignee_id,
           team_id, agent_session_id, last_message_at, last_message_preview, waiting_since,
           closed_at, created_at)
         select c.id, $1, c.contact_id, c.channel, c.status, c.assignee_id, c.team_id,
           c.agent_session_id, c.at, left(b.body, 140),
           case when c.status = 'open' and c.n % 2 = 1 then c.at end,
           case when c.status = 'closed' then c.at end,
           c.at - c.n * interval '7 minutes'
         from pg_temp.conv($2, $3, $4) c
         join bench_bodies b on b.n = pg_temp.r(c.i * 8 + c.n, 11, 10000)`,
        params,
      );
      // Messages alternate inbound / outbound (by the assignee; sometimes a note), 7 minutes
      // apart, the last one at the conversation's last_message_at.
      const inserted = await client.query(
        `insert into messages (workspace_id, conversation_id, kind, author_member_id, body, created_at)
         select $1, c.id,
           (case when j % 2 = 1 then 'inbound'
                 when pg_temp.r(c.i * 8 + j, 13, 10) = 0 then 'note' else 'outbound' end)::message_kind,
           case when j % 2 = 0 then c.assignee_id end,
           b.body,
           c.at - (c.n - j) * interval '7 minutes'
         from pg_temp.conv($2, $3, $4) c
         cross join lateral generate_series(1, c.n) j
         join bench_bodies b on b.n = pg_temp.r(c.i * 8 + j, 11, 10000)`,
        params,
      );
      log(
        `  conversations ${hi.toLocaleString("en")}/${total.toLocaleString("en")} ` +
          `(+${(inserted.rowCount ?? 0).toLocaleString("en")} messages) in ${seconds(t)} s`,
      );
    }

    for (const index of indexes.rows) {
      const t = performance.now();
      await client.query(index.def);
      log(`  index ${index.name} built in ${seconds(t)} s`);
    }

    // Read state of the two measured members: 60% read, 10% read before the last message,
    // 30% never opened. The Agent only reads what they can see.
    const reads = (member: number, visible: string) =>
      step(
        `reads of member ${member}`,
        `insert into conversation_reads (member_id, conversation_id, last_read_at)
         select ${memberId(member)}, c.id,
           case when x.v < 6 then c.last_message_at else c.last_message_at - interval '1 hour' end
         from conversations c,
           lateral (select (hashtext(c.id::text || '${member}')::bigint + 2147483648) % 10 as v) x
         where c.workspace_id = $1 and x.v < 7 and (${visible})`,
        [workspaceId],
      );
    await reads(1, "true");
    await reads(
      MEASURED_AGENT,
      `c.assignee_id = ${memberId(MEASURED_AGENT)}
       or c.team_id in (select team_id from team_members where member_id = ${memberId(MEASURED_AGENT)})
       or (c.assignee_id is null and c.team_id is null)`,
    );

    const t = performance.now();
    await client.query("vacuum (analyze)");
    log(`  vacuum (analyze) in ${seconds(t)} s`);
    await client.query("update workspaces set name = $1 where id = $2", [
      readyName(total),
      workspaceId,
    ]);
    return (performance.now() - started) / 1000;
  });
}

/** Refreshes planner statistics on every run (reused data included). */
export async function analyze(url: string): Promise<number> {
  const t = performance.now();
  await withClient(url, (client) => client.query("analyze"));
  return (performance.now() - t) / 1000;
}
