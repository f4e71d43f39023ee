import { notFound } from "next/navigation";
import { z } from "zod";
import { findAgent } from "@/lib/agents/list-agents";
import { requireWorkspace } from "@/lib/auth/page";

/**
 * An unknown, deleted or foreign agent answers 404. Checked here, above the page's loading
 * boundary, so the status is a real 404 rather than a streamed not-found page under a 200.
 */
export default async function AgentLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ workspace: string; agentId: string }>;
}) {
  const { workspace: slug, agentId } = await params;
  const { db, workspace } = await requireWorkspace(slug, "agents.manage");
  if (!z.uuid().safeParse(agentId).success) notFound();
  if (!(await findAgent(db, { workspaceId: workspace.id, agentId }))) notFound();
  return children;
}
