import "server-only";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversations, teams } from "@/db/schema";
import { fixedBy, viewConditions } from "./list-conversations";
import type { View } from "./schemas";
import { scopeBranches, type Viewer } from "./viewer";

/**
 * Counts stop here and show as "99+", as most inboxes do: an exact count of a huge view reads
 * every row of it, and past a hundred the number tells nobody anything more.
 */
export const COUNT_CAP = 99;

export interface ViewCount {
  view: View;
  teamId?: string;
  label: string;
  count: number;
  capped: boolean;
}

/** The views this viewer has, in sidebar order, each with its (capped) count. */
export async function countViews(db: Database, viewer: Viewer): Promise<ViewCount[]> {
  const myTeams = viewer.teamIds.length
    ? await db
        .select({ id: teams.id, name: teams.name })
        .from(teams)
        .where(and(eq(teams.workspaceId, viewer.workspace.id), inArray(teams.id, viewer.teamIds)))
        .orderBy(asc(teams.name))
    : [];
  const views: Omit<ViewCount, "count" | "capped">[] = [
    ...(viewer.member ? [{ view: "mine" as const, label: "Mine" }] : []),
    { view: "unassigned", label: "Unassigned" },
    ...myTeams.map((team) => ({ view: "team" as const, teamId: team.id, label: team.name })),
    ...(viewer.seesAll ? [{ view: "all" as const, label: "All" }] : []),
    { view: "ai", label: "AI-handled" },
    { view: "closed", label: "Closed" },
  ];
  // Every view's count is one capped index range per scope branch (the branches are
  // disjoint, so their counts add up, and past the cap the rest need not be read). All of them
  // go to PostgreSQL as one statement of scalar subqueries: one round trip, run back to back on
  // one backend, instead of a dozen queries contending for the pool and the CPU.
  const counts = views.map((entry) => {
    const conditions = viewConditions(viewer, { ...entry, view: entry.view });
    // The Agent's own conversations last: the team and queue branches fill the cap soonest.
    const branches = scopeBranches(viewer, fixedBy(viewer, entry)).reverse();
    return sumUpToCap(branches.map((branch) => cappedCount(db, and(branch, ...conditions))));
  });
  const result: unknown = await db.execute(
    sql`select ${sql.join(
      counts.map((count, index) => sql`${count} as ${sql.identifier(`c${index}`)}`),
      sql`, `,
    )}`,
  );
  const [row] = (result as { rows: Record<string, number | string>[] }).rows;
  return views.map((entry, index) => {
    const count = Number(row?.[`c${index}`] ?? 0);
    return { ...entry, count: Math.min(count, COUNT_CAP), capped: count > COUNT_CAP };
  });
}

/**
 * The branches' counts added while under the cap: a branch is read only if those before it
 * left room (`case` evaluates the subquery of the branch it takes, and no other).
 */
function sumUpToCap([first, ...rest]: SQL[]): SQL {
  if (!first) return sql`0`;
  if (rest.length === 0) return first;
  return sql`(select case when seen.n > ${sql.raw(String(COUNT_CAP))} then seen.n else seen.n + ${sumUpToCap(rest)} end from (select ${first} as n offset 0) as seen)`;
}

/** `count(*)` of at most COUNT_CAP + 1 rows of a view, as a scalar subquery. */
function cappedCount(db: Database, where: SQL | undefined): SQL {
  const limited = db
    .select({ one: sql`1` })
    .from(conversations)
    .where(where)
    // In list order, so PostgreSQL reads the view's index rather than scanning the table and
    // (in a shared table) every other workspace's rows.
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(COUNT_CAP + 1);
  return sql`(select count(*)::int from (${limited}) as limited)`;
}
