import { Logo } from "@/components/logo";
import { NotificationBell } from "@/components/realtime/notification-bell";
import { type SidebarLink, SidebarNav } from "./sidebar-nav";
import { type Availability, UserMenu } from "./user-menu";
import { type SwitcherWorkspace, WorkspaceSwitcher } from "./workspace-switcher";

export interface ShellProps {
  current: SwitcherWorkspace;
  workspaces: SwitcherWorkspace[];
  links: SidebarLink[];
  user: {
    name: string;
    email: string;
    image: string | null;
    availability: Availability;
  };
}

export function SidebarContent({
  current,
  workspaces,
  links,
  user,
  onNavigate,
  bell = true,
}: ShellProps & { onNavigate?: () => void; bell?: boolean }) {
  return (
    <div className="flex h-full flex-col gap-4 p-3">
      <div className="flex items-center justify-between gap-2 pl-2">
        <Logo size="sm" />
        {bell ? <NotificationBell slug={current.slug} /> : null}
      </div>
      <WorkspaceSwitcher current={current} workspaces={workspaces} />
      <SidebarNav links={links} onNavigate={onNavigate} />
      <div className="mt-auto border-t border-border pt-3">
        <UserMenu workspace={current.slug} {...user} />
      </div>
    </div>
  );
}
