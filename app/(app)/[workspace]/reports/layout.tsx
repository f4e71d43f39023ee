import { requireWorkspace } from "@/lib/auth/page";

/**
 * Reports need `reports.view.own` (Admins, Managers and Agents; not Viewers). Checked here as
 * well as in the page because a layout renders before the page's loading boundary: a refusal
 * from here answers 403, where one from inside the streamed page could only answer 200.
 */
export default async function ReportsLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ workspace: string }>;
}) {
  const { workspace } = await params;
  await requireWorkspace(workspace, "reports.view.own");
  return children;
}
