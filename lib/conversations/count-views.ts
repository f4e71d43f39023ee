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
  return Promise.all(
    views.map(async (entry) => {
      const conditions = viewConditions(viewer, { ...entry, view: entry.view });
      // The scope's branches are disjoint, so their counts add up.
      const counts = await Promise.all(
        scopeBranches(viewer, fixedBy(viewer, entry)).map((branch) =>
          cappedCount(db, and(branch, ...conditions)),
        ),
      );
      const count = counts.reduce((sum, n) => sum + n, 0);
      return { ...entry, count: Math.min(count, COUNT_CAP), capped: count > COUNT_CAP };
    }),
  );
}

async function cappedCount(db: Database, where: SQL | undefined): Promise<number> {
  const limited = db
    .select({ one: sql`1` })
    .from(conversations)
    .where(where)
    // In list order, so PostgreSQL reads the view's index rather than scanning the table and
    // (in a shared table) every other workspace's rows.
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(COUNT_CAP + 1)
    .as("limited");
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(limited);
  return row?.n ?? 0;
}
