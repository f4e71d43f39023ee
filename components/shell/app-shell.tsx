import { Logo } from "@/components/logo";
import { LiveIndicator } from "@/components/realtime/live-indicator";
import { NotificationBell } from "@/components/realtime/notification-bell";
import { MobileNav } from "./mobile-nav";
import { type ShellProps, SidebarContent } from "./sidebar";

export function AppShell({ children, ...props }: ShellProps & { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh bg-background">
      <aside className="sticky top-0 hidden h-dvh w-60 shrink-0 border-r border-border bg-muted/30 lg:block">
        <SidebarContent {...props} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-border bg-background/95 px-3 backdrop-blur lg:hidden">
          <MobileNav {...props} />
          <Logo size="sm" />
          <span className="ml-auto truncate text-sm font-medium text-muted-foreground">
            {props.current.name}
          </span>
          <NotificationBell slug={props.current.slug} />
        </header>
        <main className="flex min-w-0 flex-1 flex-col">{children}</main>
        <LiveIndicator className="fixed bottom-4 left-1/2 z-50 -translate-x-1/2 shadow-md" />
      </div>
    </div>
  );
}
