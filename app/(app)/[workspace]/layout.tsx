import { QueryProvider } from "@/components/query-provider";
import { LiveProvider } from "@/components/realtime/live-provider";
import { AppShell } from "@/components/shell/app-shell";
import { requireWorkspace } from "@/lib/auth/page";
import { can, roleLabels } from "@/lib/auth/permissions";
import { realtimeClientConfig } from "@/lib/realtime/pusher-config";
import { listWorkspacesForUser } from "@/lib/workspaces/queries";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const { db, user, member, workspace } = await requireWorkspace(slug);
  const workspaces = await listWorkspacesForUser(db, user.id);
  const reports = can(member.role, "reports.view.own") || can(member.role, "reports.view.all");
  return (
    <QueryProvider>
      <LiveProvider
        slug={workspace.slug}
        memberId={member.id}
        config={realtimeClientConfig()}
        preferences={{
          notifyScope: member.notifyScope,
          desktopNotifications: member.desktopNotifications,
          notificationSound: member.notificationSound,
        }}
      >
        <AppShell
          current={{
            slug: workspace.slug,
            name: workspace.name,
            roleLabel: roleLabels[member.role],
          }}
          workspaces={workspaces.map((w) => ({
            slug: w.slug,
            name: w.name,
            roleLabel: roleLabels[w.role],
          }))}
          links={[
            { href: `/${workspace.slug}/inbox`, label: "Inbox", icon: "inbox" },
            ...(reports
              ? [{ href: `/${workspace.slug}/reports`, label: "Reports", icon: "reports" as const }]
              : []),
            { href: `/${workspace.slug}/settings`, label: "Settings", icon: "settings" },
          ]}
          user={{
            name: user.name ?? user.email,
            email: user.email,
            image: user.image,
            availability: {
              status: member.status,
              acceptsChats: can(member.role, "conversations.reply") ? member.acceptsChats : null,
            },
          }}
        >
          {children}
        </AppShell>
      </LiveProvider>
    </QueryProvider>
  );
}
