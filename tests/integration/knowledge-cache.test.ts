import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { agentKnowledgeFor } from "@/lib/agents/knowledge-cache";
import { rankKnowledge } from "@/lib/agents/knowledge-search";
import { createAgent } from "@/lib/agents/manage-agents";
import {
  addKnowledgeEntry,
  deleteKnowledgeEntry,
  importKnowledge,
  updateKnowledgeEntry,
} from "@/lib/agents/manage-knowledge";
import { createAgentSchema } from "@/lib/agents/schemas";
import { makeWorkspace } from "../support/factories";

/**
 * An agent's knowledge is read once per change, not once per customer message: every turn
 * gets the same array (and so the same search index) until an entry is added, edited or
 * deleted, and then the next turn sees the change.
 */
describe("an agent's knowledge between turns", () => {
  it("is the same array while unchanged and the new knowledge after any change", async () => {
    const db = await getDb();
    const { workspace } = await makeWorkspace();
    const agent = await createAgent(db, {
      workspaceId: workspace.id,
      ...createAgentSchema.parse({ name: "Ava" }),
    });
    expect(await agentKnowledgeFor(db, agent.id)).toEqual([]);

    const refunds = await addKnowledgeEntry(db, {
      workspaceId: workspace.id,
      agentId: agent.id,
      kind: "qa",
      title: "How do refunds work?",
      body: "Refunds reach your card within 5 days.",
    });
    const first = await agentKnowledgeFor(db, agent.id);
    expect(first.map((e) => e.body)).toEqual(["Refunds reach your card within 5 days."]);
    expect(await agentKnowledgeFor(db, agent.id)).toBe(first);

    await updateKnowledgeEntry(db, {
      workspaceId: workspace.id,
      entryId: refunds.id,
      kind: "qa",
      title: "How do refunds work?",
      body: "Refunds reach your card within 3 days.",
    });
    const edited = await agentKnowledgeFor(db, agent.id);
    expect(edited).not.toBe(first);
    expect(edited.map((e) => e.body)).toEqual(["Refunds reach your card within 3 days."]);
    expect(rankKnowledge(edited, "refund", 1)[0]?.entry.body).toContain("3 days");

    await importKnowledge(db, {
      workspaceId: workspace.id,
      agentId: agent.id,
      csv: "question,answer\nWhere do you ship?,We ship to the EU and the UK.\n",
    });
    const imported = await agentKnowledgeFor(db, agent.id);
    expect(imported.map((e) => e.title)).toEqual(["How do refunds work?", "Where do you ship?"]);
    expect(rankKnowledge(imported, "ship", 1)[0]?.entry.title).toBe("Where do you ship?");

    await deleteKnowledgeEntry(db, { workspaceId: workspace.id, entryId: refunds.id });
    const deleted = await agentKnowledgeFor(db, agent.id);
    expect(deleted.map((e) => e.title)).toEqual(["Where do you ship?"]);
    expect(rankKnowledge(deleted, "refund", 1)).toEqual([]);
    expect(await agentKnowledgeFor(db, agent.id)).toBe(deleted);
  });
});
