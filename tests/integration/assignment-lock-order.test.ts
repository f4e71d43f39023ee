// Lock order (lib/assignment/routing-lock.ts): a removal must not deadlock with a close of the removed member's conversation. PostgreSQL only (PGlite has one connection).
import pg from "pg";
import { expect, it } from "vitest";
import { assignMember } from "@/lib/assignment/assign-conversation";
import { removeMember } from "@/lib/members/end-membership";
import { arrive, buildWorld, close, viewerOf, who } from "../support/assignment-world";

const url = process.env.DATABASE_URL;

async function waiters(client: pg.Client, n: number) {
  for (let i = 0; i < 200; i++) {
    const r = await client.query(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    if (r.rows[0].n >= n) return;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`never saw ${n} waiters`);
}

it.skipIf(!url)(
  "removing a member while their conversation is being closed does not deadlock",
  async () => {
    const w = await buildWorld({ people: { Sam: "agent" } });
    const c = await arrive(w);
    await assignMember(w.db, {
      viewer: await viewerOf(w),
      conversationId: c.id,
      memberId: who(w, "Sam").member.id,
    });
    const holder = new pg.Client({ connectionString: url });
    const watcher = new pg.Client({ connectionString: url });
    await holder.connect();
    await watcher.connect();
    await holder.query("begin");
    await holder.query("select pg_advisory_xact_lock(7204118, hashtext($1))", [w.workspaceId]);
    const removal = removeMember(w.db, {
      workspaceId: w.workspaceId,
      memberId: who(w, "Sam").member.id,
      actorMemberId: w.admin.member.id,
    });
    await waiters(watcher, 1);
    const closing = close(w, c.id);
    await waiters(watcher, 2);
    await holder.query("commit");
    const results = await Promise.allSettled([removal, closing]);
    await holder.end();
    await watcher.end();
    expect(
      results.map((r) => (r.status === "rejected" ? String(r.reason?.cause ?? r.reason) : "ok")),
    ).toEqual(["ok", "ok"]);
  },
  60_000,
);
