import type { Metadata } from "next";
import { AgentsPanel } from "@/components/settings/agents/agents-panel";
import { listAgents } from "@/lib/agents/list-agents";
import { requireWorkspace } from "@/lib/auth/page";
import { listTeamOptions } from "@/lib/teams/queries";

export const metadata: Metadata = { title: "AI agents" };

export default async function AgentsSettingsPage({
  params,
}: {
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const { db, workspace } = await requireWorkspace(slug, "agents.manage");
  const [agents, teams] = await Promise.all([
    listAgents(db, workspace.id),
    listTeamOptions(db, workspace.id),
  ]);
  return <AgentsPanel workspace={workspace.slug} agents={agents} teams={teams} />;
}
