import { requireWorkspace } from "@/lib/auth/page";

/**
 * Both agents pages need `agents.manage`. Checked here as well as in each page because a
 * layout renders before the pages' loading boundary: a refusal from here still answers 403,
 * where one from inside the streamed page could only answer 200.
 */
export default async function AgentsSettingsLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ workspace: string }>;
}) {
  const { workspace } = await params;
  await requireWorkspace(workspace, "agents.manage");
  return children;
}
