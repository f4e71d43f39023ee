import { Logo } from "@/components/logo";
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
}: ShellProps & { onNavigate?: () => void }) {
  return (
    <div className="flex h-full flex-col gap-4 p-3">
      <div className="px-2 pt-1">
        <Logo size="sm" />
      </div>
      <WorkspaceSwitcher current={current} workspaces={workspaces} />
      <SidebarNav links={links} onNavigate={onNavigate} />
      <div className="mt-auto border-t border-border pt-3">
        <UserMenu workspace={current.slug} {...user} />
      </div>
    </div>
  );
}
