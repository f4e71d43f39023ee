import type { Metadata } from "next";
import { TeamsPanel } from "@/components/settings/teams/teams-panel";
import { requireWorkspace } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { listActiveMembers, listTeams } from "@/lib/teams/queries";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsSettingsPage({
  params,
}: {
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const { db, workspace, member } = await requireWorkspace(slug);
  const editable = can(member.role, "teams.manage");
  const [teams, activeMembers] = await Promise.all([
    listTeams(db, workspace.id),
    editable ? listActiveMembers(db, workspace.id) : [],
  ]);
  return (
    <TeamsPanel
      workspace={workspace.slug}
      teams={teams}
      activeMembers={activeMembers}
      workspaceMode={workspace.routingMode}
      editable={editable}
    />
  );
}
