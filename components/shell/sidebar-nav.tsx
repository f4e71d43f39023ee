"use client";

import { BarChart3, Inbox, Settings } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

const icons = { inbox: Inbox, reports: BarChart3, settings: Settings } as const;

export interface SidebarLink {
  href: string;
  label: string;
  icon: keyof typeof icons;
}

export function SidebarNav({
  links,
  onNavigate,
}: {
  links: SidebarLink[];
  onNavigate?: () => void;
}) {
  const pathname = usePathname();
  return (
    <nav aria-label="Workspace" className="flex flex-col gap-0.5">
      {links.map((link) => {
        const Icon = icons[link.icon];
        const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              active && "bg-accent text-accent-foreground",
            )}
          >
            <Icon className="size-4" aria-hidden />
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
