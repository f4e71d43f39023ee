import type { Metadata } from "next";
import { WidgetSettingsForm } from "@/components/settings/channels/widget-settings-form";
import { WidgetSnippet } from "@/components/settings/channels/widget-snippet";
import { appUrl } from "@/lib/app-url";
import { requireWorkspace } from "@/lib/auth/page";
import { getWidgetSettings } from "@/lib/channels/widget/widget-settings";
import { listTeams } from "@/lib/teams/queries";

export const metadata: Metadata = { title: "Channels" };

export default async function ChannelsSettingsPage({
  params,
}: {
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const { db, workspace } = await requireWorkspace(slug, "workspace.manage");
  const [origin, settings, teams] = await Promise.all([
    appUrl(),
    getWidgetSettings(db, workspace.id),
    listTeams(db, workspace.id),
  ]);
  const widgetUrl = `${origin}/widget/${workspace.publicId}`;
  const snippet = `<script src="${origin}/widget.js" data-workspace="${workspace.publicId}" async></script>`;
  return (
    <div className="max-w-2xl space-y-6">
      <WidgetSnippet snippet={snippet} widgetUrl={widgetUrl} />
      <WidgetSettingsForm
        workspace={workspace.slug}
        settings={settings}
        teams={teams.map((team) => ({ id: team.id, name: team.name }))}
      />
    </div>
  );
}
