import type { Metadata } from "next";
import { WorkspaceSettingsForm } from "@/components/settings/workspace-settings-form";
import { PageHeader } from "@/components/shell/page-header";
import { requireWorkspace } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { workspace, member } = await requireWorkspace(slug);
  const editable = can(member.role, "workspace.manage");
  return (
    <>
      <PageHeader title="Settings" description="General settings of this workspace." />
      <div className="w-full max-w-2xl px-4 py-6 sm:px-8">
        <WorkspaceSettingsForm
          workspace={{ slug: workspace.slug, name: workspace.name, timeZone: workspace.timeZone }}
          editable={editable}
          timeZones={Intl.supportedValuesOf("timeZone")}
        />
      </div>
    </>
  );
}
