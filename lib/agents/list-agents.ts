import "server-only";
import { and, asc, count, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  type AiAgent,
  agentKnowledge,
  agentSessions,
  aiAgents,
  type KnowledgeKind,
  teams,
} from "@/db/schema";

export interface AgentListItem {
  id: string;
  name: string;
  avatar: string;
  handoffTeamName: string | null;
  knowledgeCount: number;
  activeSessionCount: number;
}

export type AgentDetail = AiAgent & AgentListItem & { maxSessionHours: number };

export interface AgentPickerOption {
  id: string;
  name: string;
  avatar: string;
  sendInitialMessage: boolean;
  initialMessage: string;
  handoffTeamName: string | null;
}

export interface KnowledgeView {
  id: string;
  kind: KnowledgeKind;
  title: string;
  body: string;
  updatedAt: Date;
}

const knowledgeCount = sql<number>`(select count(*)::int from ${agentKnowledge} where ${agentKnowledge.agentId} = ${aiAgents.id})`;
const activeSessionCount = sql<number>`(select count(*)::int from ${agentSessions} where ${agentSessions.agentId} = ${aiAgents.id} and ${agentSessions.endedAt} is null)`;
const byName = [asc(sql`lower(${aiAgents.name})`), asc(aiAgents.name), asc(aiAgents.id)];
const live = (workspaceId: string) =>
  and(eq(aiAgents.workspaceId, workspaceId), isNull(aiAgents.deletedAt));

/** The workspace's agents (not deleted) by name, with what Settings → AI agents shows of each. */
export async function listAgents(db: Database, workspaceId: string): Promise<AgentListItem[]> {
  return (
    db
      .select({
        id: aiAgents.id,
        name: aiAgents.name,
        avatar: aiAgents.avatar,
        handoffTeamName: teams.name,
        knowledgeCount,
        activeSessionCount,
      })
      .from(aiAgents)
      // The team's workspace is checked too, though a handoff team is only ever the agent's own.
      .leftJoin(
        teams,
        and(eq(teams.id, aiAgents.handoffTeamId), eq(teams.workspaceId, aiAgents.workspaceId)),
      )
      .where(live(workspaceId))
      .orderBy(...byName)
  );
}

/** One live agent of the workspace with its settings and counts; null for any other id. */
export async function findAgent(
  db: Database,
  { workspaceId, agentId }: { workspaceId: string; agentId: string },
): Promise<AgentDetail | null> {
  const [row] = await db
    .select({
      agent: aiAgents,
      handoffTeamName: teams.name,
      knowledgeCount,
      activeSessionCount,
    })
    .from(aiAgents)
    .leftJoin(
      teams,
      and(eq(teams.id, aiAgents.handoffTeamId), eq(teams.workspaceId, aiAgents.workspaceId)),
    )
    .where(and(eq(aiAgents.id, agentId), live(workspaceId)));
  if (!row) return null;
  return {
    ...row.agent,
    handoffTeamName: row.handoffTeamName,
    knowledgeCount: row.knowledgeCount,
    activeSessionCount: row.activeSessionCount,
    maxSessionHours: Math.max(1, Math.round(row.agent.maxSessionMinutes / 60)),
  };
}

/** For the inbox's "Assign agent" picker: the workspace's live agents by name. */
export async function listAgentsForPicker(
  db: Database,
  workspaceId: string,
): Promise<AgentPickerOption[]> {
  return db
    .select({
      id: aiAgents.id,
      name: aiAgents.name,
      avatar: aiAgents.avatar,
      sendInitialMessage: aiAgents.sendInitialMessage,
      initialMessage: aiAgents.initialMessage,
      handoffTeamName: teams.name,
    })
    .from(aiAgents)
    .leftJoin(
      teams,
      and(eq(teams.id, aiAgents.handoffTeamId), eq(teams.workspaceId, aiAgents.workspaceId)),
    )
    .where(live(workspaceId))
    .orderBy(...byName);
}

/** `%word%` for ILIKE, with the pattern characters in the word taken literally. */
const containing = (word: string) => `%${word.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/**
 * Whole words through the full-text index (`websearch_to_tsquery`, so "quoted phrases",
 * `or` and `-not` work), or, for partial words ("refun"), every word found inside the
 * question/title or answer/text.
 */
function matching(query: string): SQL | undefined {
  const words = query.split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const tsquery = sql`websearch_to_tsquery('simple', ${query})`;
  const text = sql`(${agentKnowledge.title} || ' ' || ${agentKnowledge.body})`;
  const partial = words.map((word) => sql`${text} ilike ${containing(word)}`);
  return sql`(${agentKnowledge.search} @@ ${tsquery} or (${sql.join(partial, sql` and `)}))`;
}

/**
 * An agent's knowledge, newest first or, when searching, best match first; `total` counts
 * all of the agent's entries, `matching` those the search and kind filter let through (of
 * which at most `limit` are returned). Another workspace's agent has no entries here.
 */
export async function listKnowledge(
  db: Database,
  {
    workspaceId,
    agentId,
    query = "",
    kind = null,
    limit = 50,
  }: {
    workspaceId: string;
    agentId: string;
    query?: string;
    kind?: KnowledgeKind | null;
    limit?: number;
  },
): Promise<{ entries: KnowledgeView[]; total: number; matching: number }> {
  const q = query.trim().slice(0, 200);
  const ofAgent = and(
    eq(agentKnowledge.workspaceId, workspaceId),
    eq(agentKnowledge.agentId, agentId),
  );
  const filtered = and(ofAgent, kind ? eq(agentKnowledge.kind, kind) : undefined, matching(q));
  const rank = q
    ? [desc(sql`ts_rank(${agentKnowledge.search}, websearch_to_tsquery('simple', ${q}))`)]
    : [];
  const [entries, [all], [found]] = await Promise.all([
    db
      .select({
        id: agentKnowledge.id,
        kind: agentKnowledge.kind,
        title: agentKnowledge.title,
        body: agentKnowledge.body,
        updatedAt: agentKnowledge.updatedAt,
      })
      .from(agentKnowledge)
      .where(filtered)
      .orderBy(...rank, desc(agentKnowledge.createdAt), desc(agentKnowledge.id))
      .limit(limit),
    db.select({ count: count() }).from(agentKnowledge).where(ofAgent),
    db.select({ count: count() }).from(agentKnowledge).where(filtered),
  ]);
  return { entries, total: all?.count ?? 0, matching: found?.count ?? 0 };
}
