import "server-only";
import { sql } from "drizzle-orm";
import { type Database, databaseDriver } from "@/db/client";
import type { Member, Workspace } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { agentRows } from "./agent-figures";
import { busiestHours } from "./busiest-hours";
import {
  assignmentFigures,
  closeFigures,
  messagesSent,
  openNow,
  reassignedAway,
  totalAssigned,
} from "./member-figures";
import { type ReportFilters, resolveRange } from "./report-query";
import { type ReportContext, rows } from "./report-sql";
import type { Fairness, MemberRow, Report, ReportScope } from "./report-types";

export const FAIRNESS_DEFINITION =
  "Eligible members: not removed, with a role that may reply (Admin, Manager, Agent), and in the team when a team is picked. Measured: conversations assigned to each in the range.";

/**
 * Whose report a member may open: Admins and Managers everyone's, Agents their own, Viewers
 * none (null: the caller answers 404).
 */
export function reportScopeFor(member: Pick<Member, "id" | "role">): ReportScope | null {
  if (can(member.role, "reports.view.all")) return { all: true };
  if (can(member.role, "reports.view.own")) return { memberId: member.id };
  return null;
}

interface MemberInfo {
  memberId: string;
  name: string;
  role: Member["role"];
  capacity: number | null;
  removed: boolean;
  inTeam: boolean;
}

/**
 * The whole report for a range and filters, from one read-only snapshot: the members' and AI
 * agents' tables, the charts' data and the fairness of assignments. Reads the rollups of
 * db/schema/reports.ts (kept by migration 0014's triggers), never the raw event log.
 */
export async function buildReport(
  db: Database,
  {
    workspace,
    scope,
    filters,
    now,
  }: { workspace: Workspace; scope: ReportScope; filters: ReportFilters; now: Date },
): Promise<Report> {
  const range = resolveRange(filters, workspace.timeZone, now);
  const own = "memberId" in scope ? scope.memberId : null;
  const ctx = { teamId: filters.teamId ?? null, channel: filters.channel ?? null };
  const bind = (tx: Database): ReportContext => ({
    tx,
    workspaceId: workspace.id,
    range,
    ...ctx,
    memberId: own,
  });
  // The assignments' figures (the heaviest part) and the rest run side by side on two
  // connections reading one snapshot; PGlite has a single connection and runs them in turn.
  const [assignments, rest] = await inOneSnapshot(
    db,
    (tx) => assignmentFigures(bind(tx)),
    async (tx) => {
      const on = bind(tx);
      return {
        people: await memberInfo(on),
        closes: await closeFigures(on),
        away: await reassignedAway(on),
        sent: await messagesSent(on),
        open: await openNow(on),
        hours: await busiestHours(on),
        agents: own ? [] : await agentRows(on),
        ownTotal: own ? await totalAssigned(on) : null,
      };
    },
  );
  const { people, closes, away, sent, open, hours, agents } = rest;
  const total =
    rest.ownTotal ?? [...assignments.byMember.values()].reduce((sum, m) => sum + m.assigned, 0);

  const rowOf = (person: MemberInfo): MemberRow => {
    const a = assignments.byMember.get(person.memberId);
    const c = closes.byMember.get(person.memberId);
    const assigned = a?.assigned ?? 0;
    return {
      memberId: person.memberId,
      name: person.name,
      role: person.role,
      removed: person.removed,
      assigned,
      closed: c?.closed ?? 0,
      openNow: open.get(person.memberId) ?? 0,
      messagesSent: sent.get(person.memberId) ?? 0,
      firstResponseMedianSeconds: a?.median ?? null,
      firstResponseP90Seconds: a?.p90 ?? null,
      unanswered: a?.unanswered ?? 0,
      resolutionMedianSeconds: c?.resolutionMedian ?? null,
      reassignedAway: away.get(person.memberId) ?? 0,
      loadShare: total > 0 ? assigned / total : 0,
    };
  };
  const eligible = (person: MemberInfo) =>
    !person.removed && can(person.role, "conversations.reply") && (!ctx.teamId || person.inTeam);
  const active = (row: MemberRow) =>
    row.assigned + row.closed + row.openNow + row.messagesSent + row.reassignedAway > 0;
  // Under a team filter the team's members, and anyone else with figures in the team's
  // conversations (a Manager outside it, a member since removed): the table then adds up to
  // the totals above it.
  const shown = people
    .map((person) => ({ person, row: rowOf(person) }))
    .filter(({ person, row }) => (own ? person.memberId === own : eligible(person) || active(row)));
  const members = shown.map(({ row }) => row);

  return {
    scope: own ? "own" : "all",
    range: {
      preset: range.preset,
      timeZone: range.timeZone,
      fromDay: range.fromDay,
      toDay: range.toDay,
      days: range.days,
      start: range.start.toISOString(),
      end: range.end.toISOString(),
    },
    filters: { teamId: ctx.teamId, channel: ctx.channel },
    totals: {
      assigned: total,
      closed: own ? members.reduce((sum, row) => sum + row.closed, 0) : closes.total,
      messagesSent: members.reduce((sum, row) => sum + row.messagesSent, 0),
      inbound: hours.reduce((sum, cell) => sum + cell.inbound, 0),
    },
    members,
    agents,
    charts: {
      assignmentsPerDay: {
        days: range.days,
        series: members.map((row) => ({
          memberId: row.memberId,
          name: row.name,
          counts: range.days.map(
            (day) => assignments.byDayMember.get(`${day}|${row.memberId}`) ?? 0,
          ),
        })),
      },
      openLoad: shown.map(({ person, row }) => ({
        memberId: row.memberId,
        name: row.name,
        open: row.openNow,
        capacity: person.capacity,
      })),
      busiestHours: hours,
      firstResponseTrend: range.days.map((day) => {
        const point = assignments.byDay.get(day);
        return { day, medianSeconds: point?.median ?? null, answered: point?.answered ?? 0 };
      }),
    },
    fairness: own
      ? null
      : fairnessOf(shown.filter(({ person }) => eligible(person)).map(({ row }) => row.assigned)),
  };
}

/** Runs both halves in one read-only snapshot: side by side on PostgreSQL, in turn on PGlite. */
async function inOneSnapshot<A, B>(
  db: Database,
  first: (tx: Database) => Promise<A>,
  second: (tx: Database) => Promise<B>,
): Promise<[A, B]> {
  const config = { isolationLevel: "repeatable read", accessMode: "read only" } as const;
  const tune = async (tx: Database) => {
    // Large sorts (percentiles) stay in memory; JIT compiles longer than these queries run.
    await tx.execute(
      sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`,
    );
  };
  if (databaseDriver() !== "postgres") {
    return db.transaction(async (tx) => {
      await tune(tx);
      return [await first(tx), await second(tx)];
    }, config);
  }
  return db.transaction(async (tx) => {
    const [exported] = await rows<{ id: string }>(tx, sql`select pg_export_snapshot() as id`);
    const id = exported?.id ?? "";
    if (!/^[0-9A-F-]+$/i.test(id)) throw new Error(`unexpected snapshot id "${id}"`);
    await tune(tx);
    const other = db.transaction(async (tx2) => {
      await tx2.execute(sql.raw(`set transaction snapshot '${id}'`));
      await tune(tx2);
      return second(tx2);
    }, config);
    // The exported snapshot lives only as long as this transaction: both halves finish here.
    const [a, b] = await Promise.allSettled([first(tx), other]);
    if (a.status === "rejected") throw a.reason;
    if (b.status === "rejected") throw b.reason;
    return [a.value, b.value];
  }, config);
}

async function memberInfo(ctx: ReportContext): Promise<MemberInfo[]> {
  return rows<MemberInfo>(
    ctx.tx,
    sql`select m.id::text as "memberId", coalesce(u.name, u.email) as name, m.role::text as role,
        m.capacity, m.removed_at is not null as removed,
        ${
          ctx.teamId
            ? sql`exists (select 1 from team_members tm
                where tm.member_id = m.id and tm.team_id = ${ctx.teamId}::uuid)`
            : sql`false`
        } as "inTeam"
      from members m join users u on u.id = m.user_id
      where m.workspace_id = ${ctx.workspaceId}::uuid
      order by lower(coalesce(u.name, u.email)), m.id`,
  );
}

/** Spread of assignments over the eligible members (population statistics). */
export function fairnessOf(assigned: number[]): Fairness {
  const n = assigned.length;
  const mean = n > 0 ? assigned.reduce((sum, x) => sum + x, 0) / n : 0;
  const variance = n > 0 ? assigned.reduce((sum, x) => sum + (x - mean) ** 2, 0) / n : 0;
  return {
    definition: FAIRNESS_DEFINITION,
    eligibleMembers: n,
    min: n > 0 ? Math.min(...assigned) : 0,
    max: n > 0 ? Math.max(...assigned) : 0,
    mean,
    coefficientOfVariation: mean > 0 ? Math.sqrt(variance) / mean : null,
  };
}
