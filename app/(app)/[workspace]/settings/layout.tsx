import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/shell/page-header";
import { requireWorkspace } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";

export default async function SettingsLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const { workspace, member } = await requireWorkspace(slug);
  const base = `/${workspace.slug}/settings`;
  const admin = can(member.role, "workspace.manage");
  const managesAgents = can(member.role, "agents.manage");
  const links = [
    { href: base, label: "General" },
    { href: `${base}/members`, label: "Members" },
    { href: `${base}/teams`, label: "Teams" },
    ...(managesAgents ? [{ href: `${base}/agents`, label: "AI agents" }] : []),
    { href: `${base}/routing`, label: "Routing" },
    { href: `${base}/notifications`, label: "Notifications" },
    { href: `${base}/account`, label: "Account" },
    ...(admin
      ? [
          { href: `${base}/plan`, label: "Plan" },
          { href: `${base}/api-keys`, label: "API keys" },
          { href: `${base}/channels`, label: "Channels" },
          { href: `${base}/activity`, label: "Activity" },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader title="Settings" description={`Manage ${workspace.name}.`} />
      <SettingsNav links={links} />
      <div className="w-full max-w-4xl px-4 py-6 sm:px-8">{children}</div>
    </>
  );
}
