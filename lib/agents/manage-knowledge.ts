import "server-only";
import { and, count, eq, isNull } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { type AgentKnowledge, agentKnowledge, aiAgents } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { KNOWLEDGE_LIMIT } from "./knowledge-cache";
import { lockAgent } from "./lock-agent";
import { readKnowledgeCsv } from "./read-knowledge-csv";
import type {
  AddKnowledgeInput,
  DeleteKnowledgeInput,
  ImportKnowledgeInput,
  UpdateKnowledgeInput,
} from "./schemas";

/**
 * The workspace's knowledge entry of a live agent, row-locked; the agent is share-locked first
 * (the same order as every knowledge write) so a concurrent delete of the agent waits.
 */
async function lockEntry(
  tx: Transaction,
  { workspaceId, entryId }: { workspaceId: string; entryId: string },
): Promise<AgentKnowledge> {
  const [owner] = await tx
    .select({ agentId: agentKnowledge.agentId })
    .from(agentKnowledge)
    .innerJoin(aiAgents, eq(aiAgents.id, agentKnowledge.agentId))
    .where(
      and(
        eq(agentKnowledge.id, entryId),
        eq(agentKnowledge.workspaceId, workspaceId),
        isNull(aiAgents.deletedAt),
      ),
    );
  if (!owner) throw notFound("That entry");
  await lockAgent(tx, { workspaceId, agentId: owner.agentId, strength: "share" });
  const [entry] = await tx
    .select()
    .from(agentKnowledge)
    .where(and(eq(agentKnowledge.id, entryId), eq(agentKnowledge.workspaceId, workspaceId)))
    .for("update");
  if (!entry) throw notFound("That entry");
  return entry;
}

/**
 * Refuses to take an agent past the knowledge it answers from (`KNOWLEDGE_LIMIT`). Called with
 * the agent row locked against other adds, so two at once cannot both squeeze in.
 */
async function assertRoom(
  tx: Transaction,
  { agentId, adding }: { agentId: string; adding: number },
) {
  const [row] = await tx
    .select({ entries: count() })
    .from(agentKnowledge)
    .where(eq(agentKnowledge.agentId, agentId));
  const entries = row?.entries ?? 0;
  if (entries + adding <= KNOWLEDGE_LIMIT) return;
  const limit = KNOWLEDGE_LIMIT.toLocaleString("en");
  throw new AppError(
    "validation",
    `An agent answers from at most ${limit} entries and this one has ${entries.toLocaleString("en")}: delete some before adding ${adding === 1 ? "another" : adding.toLocaleString("en")}.`,
  );
}

export async function addKnowledgeEntry(
  db: Database,
  { workspaceId, agentId, kind, title, body }: AddKnowledgeInput & { workspaceId: string },
): Promise<AgentKnowledge> {
  return db.transaction(async (tx) => {
    const agent = await lockAgent(tx, { workspaceId, agentId, strength: "no key update" });
    await assertRoom(tx, { agentId: agent.id, adding: 1 });
    const [entry] = await tx
      .insert(agentKnowledge)
      .values({ workspaceId, agentId: agent.id, kind, title, body })
      .returning();
    if (!entry) throw new Error("insert returned no knowledge entry");
    return entry;
  });
}

/** Rewrites an entry; its kind may change (a Q&A that grew into an article). */
export async function updateKnowledgeEntry(
  db: Database,
  { workspaceId, entryId, kind, title, body }: UpdateKnowledgeInput & { workspaceId: string },
): Promise<AgentKnowledge> {
  return db.transaction(async (tx) => {
    const entry = await lockEntry(tx, { workspaceId, entryId });
    const [updated] = await tx
      .update(agentKnowledge)
      .set({ kind, title, body, updatedAt: new Date() })
      .where(eq(agentKnowledge.id, entry.id))
      .returning();
    if (!updated) throw new Error(`knowledge entry ${entry.id} vanished while locked`);
    return updated;
  });
}

export async function deleteKnowledgeEntry(
  db: Database,
  { workspaceId, entryId }: DeleteKnowledgeInput & { workspaceId: string },
): Promise<{ id: string; agentId: string; title: string }> {
  return db.transaction(async (tx) => {
    const entry = await lockEntry(tx, { workspaceId, entryId });
    await tx.delete(agentKnowledge).where(eq(agentKnowledge.id, entry.id));
    return { id: entry.id, agentId: entry.agentId, title: entry.title };
  });
}

/**
 * Adds every entry of a CSV file to the agent's knowledge, or none: a bad row refuses the
 * whole file with a message naming the row (see readKnowledgeCsv).
 */
export async function importKnowledge(
  db: Database,
  { workspaceId, agentId, csv }: ImportKnowledgeInput & { workspaceId: string },
): Promise<{ imported: number }> {
  const entries = readKnowledgeCsv(csv);
  return db.transaction(async (tx) => {
    const agent = await lockAgent(tx, { workspaceId, agentId, strength: "no key update" });
    await assertRoom(tx, { agentId: agent.id, adding: entries.length });
    const now = new Date();
    // The list shows the newest first: a millisecond apart per row keeps the file's order there.
    await tx.insert(agentKnowledge).values(
      entries.map((entry, index) => ({
        workspaceId,
        agentId: agent.id,
        ...entry,
        createdAt: new Date(now.getTime() - index),
        updatedAt: now,
      })),
    );
    return { imported: entries.length };
  });
}
