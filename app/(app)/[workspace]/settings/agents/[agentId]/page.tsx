import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { AgentForm } from "@/components/settings/agents/agent-form";
import { plural } from "@/components/settings/agents/copy";
import { DeleteAgentButton } from "@/components/settings/agents/delete-agent-button";
import { KNOWLEDGE_PAGE, KnowledgeSection } from "@/components/settings/agents/knowledge-section";
import { AgentAvatar } from "@/components/ui/agent-avatar";
import { findAgent, listKnowledge } from "@/lib/agents/list-agents";
import { knowledgeKindFilters } from "@/lib/agents/schemas";
import { requireWorkspace } from "@/lib/auth/page";
import { listTeamOptions } from "@/lib/teams/queries";

export const metadata: Metadata = { title: "AI agent" };

/** The page's search parameters, each falling back to its default when it makes no sense. */
const searchSchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  kind: z.enum(knowledgeKindFilters).catch("all").default("all"),
  show: z.coerce
    .number()
    .int()
    .min(KNOWLEDGE_PAGE)
    .max(1_000)
    .catch(KNOWLEDGE_PAGE)
    .default(KNOWLEDGE_PAGE),
});

export default async function AgentSettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; agentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace: slug, agentId } = await params;
  const { db, workspace } = await requireWorkspace(slug, "agents.manage");
  if (!z.uuid().safeParse(agentId).success) notFound();
  const search = searchSchema.parse(await searchParams);
  const agent = await findAgent(db, { workspaceId: workspace.id, agentId });
  if (!agent) notFound();
  const [teams, knowledge] = await Promise.all([
    listTeamOptions(db, workspace.id),
    listKnowledge(db, {
      workspaceId: workspace.id,
      agentId: agent.id,
      query: search.q,
      kind: search.kind === "all" ? null : search.kind,
      limit: search.show,
    }),
  ]);
  const path = `/${workspace.slug}/settings/agents/${agent.id}`;

  return (
    <div className="space-y-8">
      <div className="space-y-4">
        <Link
          href={`/${workspace.slug}/settings/agents`}
          className="inline-flex items-center gap-1.5 rounded-sm text-muted-foreground text-sm hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <ArrowLeft aria-hidden="true" className="size-4" />
          AI agents
        </Link>
        <div className="flex flex-wrap items-center justify-between gap-4">
          <div className="flex min-w-0 items-center gap-3">
            <AgentAvatar avatar={agent.avatar} size="xl" />
            <div className="min-w-0">
              <h2 className="break-words font-semibold text-xl tracking-tight">{agent.name}</h2>
              <p className="text-muted-foreground text-sm">
                {agent.handoffTeamName
                  ? `Hands off to ${agent.handoffTeamName}`
                  : "Hands off to Unassigned"}{" "}
                · {plural(agent.activeSessionCount, "active session", "active sessions")}
              </p>
            </div>
          </div>
          <DeleteAgentButton
            workspace={workspace.slug}
            agent={{ id: agent.id, name: agent.name, activeSessionCount: agent.activeSessionCount }}
          />
        </div>
      </div>

      <section
        aria-labelledby="agent-settings-heading"
        className="space-y-4 rounded-lg border border-border bg-card p-4 shadow-xs sm:p-6"
      >
        <h2 id="agent-settings-heading" className="font-semibold text-lg tracking-tight">
          Settings
        </h2>
        <AgentForm
          // A fresh form after a save elsewhere, so it never shows stale values.
          key={agent.updatedAt.toISOString()}
          workspace={workspace.slug}
          agent={{
            id: agent.id,
            name: agent.name,
            avatar: agent.avatar,
            instructions: agent.instructions,
            handoffTeamId: agent.handoffTeamId,
            sendInitialMessage: agent.sendInitialMessage,
            initialMessage: agent.initialMessage,
            maxSessionHours: agent.maxSessionHours,
          }}
          teams={teams}
        />
      </section>

      <KnowledgeSection
        workspace={workspace.slug}
        agentId={agent.id}
        path={path}
        knowledge={knowledge}
        query={search.q}
        kind={search.kind}
        limit={search.show}
      />
    </div>
  );
}
