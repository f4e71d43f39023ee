import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { type AiAgent, aiAgents } from "@/db/schema";
import { notFound } from "@/lib/errors";

/**
 * The workspace's agent, not deleted, row-locked for the rest of the transaction. Changes to
 * the agent take `no key update`, which still lets a session insert (its foreign key takes
 * `key share`) proceed; knowledge writes take `share`, so a delete waits for an import and
 * an import for a delete. Another workspace's id, or a deleted agent, answers 404.
 */
export async function lockAgent(
  tx: Transaction,
  {
    workspaceId,
    agentId,
    strength,
  }: { workspaceId: string; agentId: string; strength: "no key update" | "share" },
): Promise<AiAgent> {
  const [agent] = await tx
    .select()
    .from(aiAgents)
    .where(
      and(
        eq(aiAgents.id, agentId),
        eq(aiAgents.workspaceId, workspaceId),
        isNull(aiAgents.deletedAt),
      ),
    )
    .for(strength);
  if (!agent) throw notFound("That AI agent");
  return agent;
}
