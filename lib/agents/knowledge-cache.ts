import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { agentKnowledge } from "@/db/schema";
import { RecentMap } from "@/lib/recent-map";
import type { KnowledgeEntry } from "./responder";

/**
 * Knowledge an agent answers from: at most this many entries, oldest first. Adding past it is
 * refused (manage-knowledge.ts), so no entry an Admin sees is left out of the answers.
 */
export const KNOWLEDGE_LIMIT = 5_000;

/** Per agent, the knowledge this process last read and what it was read at. */
/** An index of 5,000 entries of ~1,000 characters took about 6 MB of heap: ten agents at most. */
const copies = new RecentMap<string, { stamp: string; entries: readonly KnowledgeEntry[] }>(10);

/**
 * The agent's knowledge, as the same array from one turn to the next while it is unchanged,
 * so its search index (knowledge-search.ts) is built once rather than on every customer
 * message. A cheap stamp is read first — how many entries, and a hash of each one's id and
 * row version (`xmin`, the transaction that wrote it) — and the entries are read again only
 * when it differs. Every insert, edit or delete moves it: each adds or removes an id or gives
 * one a new row version. (A sum of row versions would not do: two edits committing out of
 * transaction-id order can cancel out.) Reading the stamp before the entries can only make the
 * next turn read them once more, never keep stale ones.
 */
export async function agentKnowledgeFor(
  db: Database,
  agentId: string,
): Promise<readonly KnowledgeEntry[]> {
  const [row] = await db
    .select({
      stamp: sql<string>`count(*) || '/' || md5(coalesce(string_agg(${agentKnowledge.id}::text || ':' || ${agentKnowledge}.xmin::text, ',' order by ${agentKnowledge.id}), ''))`,
    })
    .from(agentKnowledge)
    .where(eq(agentKnowledge.agentId, agentId));
  const stamp = row?.stamp ?? "";
  const held = copies.get(agentId);
  if (held && held.stamp === stamp) return held.entries;
  const entries = await db
    .select({
      id: agentKnowledge.id,
      kind: agentKnowledge.kind,
      title: agentKnowledge.title,
      body: agentKnowledge.body,
    })
    .from(agentKnowledge)
    .where(eq(agentKnowledge.agentId, agentId))
    .orderBy(asc(agentKnowledge.createdAt))
    .limit(KNOWLEDGE_LIMIT);
  copies.set(agentId, { stamp, entries });
  return entries;
}
