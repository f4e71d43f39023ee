import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { isUniqueViolation } from "@/db/errors";
import { type AiAgent, aiAgents, teams } from "@/db/schema";
import { endSessionsOfAgent } from "@/lib/assignment/agent-sessions";
import { AppError, notFound } from "@/lib/errors";
import { findWorkspaceById } from "@/lib/workspaces/queries";
import { lockAgent } from "./lock-agent";
import type { CreateAgentInput, DeleteAgentInput, UpdateAgentInput } from "./schemas";

type AgentSettings = Omit<CreateAgentInput, "maxSessionHours"> & { maxSessionHours: number };

/** The columns an agent's settings write; hours become minutes, a switched-off greeting is kept. */
function columnsOf(settings: AgentSettings) {
  return {
    name: settings.name,
    avatar: settings.avatar,
    instructions: settings.instructions,
    handoffTeamId: settings.handoffTeamId,
    sendInitialMessage: settings.sendInitialMessage,
    initialMessage: settings.initialMessage,
    maxSessionMinutes: settings.maxSessionHours * 60,
  };
}

/** The handoff team must be the workspace's; `key share` keeps it from being deleted meanwhile. */
async function requireTeam(
  tx: Transaction,
  { workspaceId, teamId }: { workspaceId: string; teamId: string | null },
): Promise<void> {
  if (teamId === null) return;
  const [team] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.workspaceId, workspaceId)))
    .for("key share");
  if (!team) throw notFound("That team");
}

/** The error for a name another live agent of the workspace holds, spelled as that agent spells it. */
async function agentNameConflict(
  db: Database,
  { workspaceId, name }: { workspaceId: string; name: string },
): Promise<AppError> {
  const [existing] = await db
    .select({ name: aiAgents.name })
    .from(aiAgents)
    .where(
      and(
        eq(aiAgents.workspaceId, workspaceId),
        isNull(aiAgents.deletedAt),
        sql`lower(${aiAgents.name}) = lower(${name})`,
      ),
    );
  const message = `An agent named "${existing?.name ?? name}" already exists.`;
  return new AppError("conflict", message, { name: message });
}

/** The unique index on (workspace, lower(name)) among live agents decides, so a race loses cleanly. */
async function withNameCheck<T>(
  db: Database,
  { workspaceId, name }: { workspaceId: string; name: string },
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw await agentNameConflict(db, { workspaceId, name });
    throw error;
  }
}

export async function createAgent(
  db: Database,
  { workspaceId, ...settings }: CreateAgentInput & { workspaceId: string },
): Promise<AiAgent> {
  return withNameCheck(db, { workspaceId, name: settings.name }, () =>
    db.transaction(async (tx) => {
      await requireTeam(tx, { workspaceId, teamId: settings.handoffTeamId });
      const [agent] = await tx
        .insert(aiAgents)
        .values({ workspaceId, ...columnsOf(settings) })
        .returning();
      if (!agent) throw new Error("insert returned no agent");
      return agent;
    }),
  );
}

/** Saves every setting of an agent. Sessions already running keep the length they started with. */
export async function updateAgent(
  db: Database,
  { workspaceId, agentId, ...settings }: UpdateAgentInput & { workspaceId: string },
): Promise<AiAgent> {
  return withNameCheck(db, { workspaceId, name: settings.name }, () =>
    db.transaction(async (tx) => {
      const agent = await lockAgent(tx, { workspaceId, agentId, strength: "no key update" });
      await requireTeam(tx, { workspaceId, teamId: settings.handoffTeamId });
      const [updated] = await tx
        .update(aiAgents)
        .set({ ...columnsOf(settings), updatedAt: new Date() })
        .where(eq(aiAgents.id, agent.id))
        .returning();
      if (!updated) throw new Error(`agent ${agent.id} vanished while locked`);
      return updated;
    }),
  );
}

/**
 * Deletes an agent: the row stays (`deletedAt`) so old replies still show who wrote them, its
 * name is free again, and its active sessions end in the same transaction — their
 * conversations go to people (the lead's `endSessionsOfAgent` routes them).
 */
export async function deleteAgent(
  db: Database,
  {
    workspaceId,
    actorMemberId,
    agentId,
    now = new Date(),
  }: DeleteAgentInput & { workspaceId: string; actorMemberId: string | null; now?: Date },
): Promise<{ id: string; name: string; sessionsEnded: number }> {
  return db.transaction(async (tx) => {
    const agent = await lockAgent(tx, { workspaceId, agentId, strength: "no key update" });
    await tx
      .update(aiAgents)
      .set({ deletedAt: now, updatedAt: now })
      .where(eq(aiAgents.id, agent.id));
    const sessionsEnded = await endSessionsOfAgent(tx, {
      workspace: await findWorkspaceById(tx, workspaceId),
      agentId: agent.id,
      actorMemberId,
      now,
    });
    return { id: agent.id, name: agent.name, sessionsEnded };
  });
}
