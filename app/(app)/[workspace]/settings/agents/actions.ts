"use server";

import { createAgent, deleteAgent, updateAgent } from "@/lib/agents/manage-agents";
import {
  addKnowledgeEntry,
  deleteKnowledgeEntry,
  importKnowledge,
  updateKnowledgeEntry,
} from "@/lib/agents/manage-knowledge";
import {
  addKnowledgeSchema,
  createAgentSchema,
  deleteAgentSchema,
  deleteKnowledgeSchema,
  importKnowledgeSchema,
  updateAgentSchema,
  updateKnowledgeSchema,
} from "@/lib/agents/schemas";
import { workspaceAction } from "@/lib/auth/actions";
import { revalidate } from "@/lib/revalidate";

const agentsPath = (slug: string) => `/${slug}/settings/agents`;
const agentPath = (slug: string, agentId: string) => `${agentsPath(slug)}/${agentId}`;

export const createAgentAction = workspaceAction(
  { name: "agents.create", permission: "agents.manage", schema: createAgentSchema },
  async (input, { db, workspace }) => {
    const agent = await createAgent(db, { workspaceId: workspace.id, ...input });
    revalidate(agentsPath(workspace.slug));
    return {
      id: agent.id,
      name: agent.name,
      redirectTo: agentPath(workspace.slug, agent.id),
    };
  },
);

export const updateAgentAction = workspaceAction(
  { name: "agents.update", permission: "agents.manage", schema: updateAgentSchema },
  async (input, { db, workspace }) => {
    const agent = await updateAgent(db, { workspaceId: workspace.id, ...input });
    revalidate(agentsPath(workspace.slug), "layout");
    return { id: agent.id, name: agent.name };
  },
);

export const deleteAgentAction = workspaceAction(
  { name: "agents.delete", permission: "agents.manage", schema: deleteAgentSchema },
  async (input, { db, workspace, member }) => {
    const deleted = await deleteAgent(db, {
      workspaceId: workspace.id,
      actorMemberId: member.id,
      ...input,
    });
    revalidate(agentsPath(workspace.slug), "layout");
    return deleted;
  },
);

export const addKnowledgeAction = workspaceAction(
  { name: "agents.addKnowledge", permission: "agents.manage", schema: addKnowledgeSchema },
  async (input, { db, workspace }) => {
    const entry = await addKnowledgeEntry(db, { workspaceId: workspace.id, ...input });
    revalidate(agentsPath(workspace.slug), "layout");
    return { id: entry.id, kind: entry.kind, title: entry.title };
  },
);

export const updateKnowledgeAction = workspaceAction(
  { name: "agents.updateKnowledge", permission: "agents.manage", schema: updateKnowledgeSchema },
  async (input, { db, workspace }) => {
    const entry = await updateKnowledgeEntry(db, { workspaceId: workspace.id, ...input });
    revalidate(agentPath(workspace.slug, entry.agentId));
    return { id: entry.id, kind: entry.kind, title: entry.title };
  },
);

export const deleteKnowledgeAction = workspaceAction(
  { name: "agents.deleteKnowledge", permission: "agents.manage", schema: deleteKnowledgeSchema },
  async (input, { db, workspace }) => {
    const deleted = await deleteKnowledgeEntry(db, { workspaceId: workspace.id, ...input });
    revalidate(agentsPath(workspace.slug), "layout");
    return deleted;
  },
);

export const importKnowledgeAction = workspaceAction(
  { name: "agents.importKnowledge", permission: "agents.manage", schema: importKnowledgeSchema },
  async (input, { db, workspace }) => {
    const result = await importKnowledge(db, { workspaceId: workspace.id, ...input });
    revalidate(agentsPath(workspace.slug), "layout");
    return result;
  },
);
