"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { cn } from "@/lib/utils";

export function SettingsNav({ links }: { links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  // The longest matching link wins, so "General" (the settings root) is not active on sub-pages.
  const active = links
    .filter((link) => pathname === link.href || pathname.startsWith(`${link.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
  // On a phone the strip scrolls: the current tab is brought into view, not left off-screen.
  const currentRef = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (active) currentRef.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [active]);
  return (
    <nav aria-label="Settings" className="border-b border-border px-4 sm:px-8">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {links.map((link) => {
          const current = link.href === active?.href;
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                ref={current ? currentRef : undefined}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "inline-flex h-10 items-center whitespace-nowrap border-b-2 border-transparent px-3 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset",
                  current && "border-primary text-foreground",
                )}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
