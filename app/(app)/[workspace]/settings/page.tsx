import type { Metadata } from "next";
import { WorkspaceSettingsForm } from "@/components/settings/workspace-settings-form";
import { requireWorkspace } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Settings" };

export default async function GeneralSettingsPage({
  params,
}: {
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const { workspace, member } = await requireWorkspace(slug);
  return (
    <div className="max-w-2xl">
      <WorkspaceSettingsForm
        workspace={{ slug: workspace.slug, name: workspace.name, timeZone: workspace.timeZone }}
        editable={can(member.role, "workspace.manage")}
        timeZones={Intl.supportedValuesOf("timeZone")}
      />
    </div>
  );
}
