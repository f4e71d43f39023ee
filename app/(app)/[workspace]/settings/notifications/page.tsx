import type { Metadata } from "next";
import { NotificationPreferencesForm } from "@/components/settings/notifications/notification-preferences-form";
import { requireWorkspace } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationSettingsPage({
  params,
}: {
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const { workspace, member } = await requireWorkspace(slug);
  return (
    <div className="max-w-2xl">
      <NotificationPreferencesForm
        slug={workspace.slug}
        initial={{
          notifyScope: member.notifyScope,
          desktopNotifications: member.desktopNotifications,
          notificationSound: member.notificationSound,
          emailOnAssignment: member.emailOnAssignment,
        }}
      />
    </div>
  );
}
