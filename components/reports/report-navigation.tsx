"use client";

import { usePathname, useRouter } from "next/navigation";
import { createContext, type ReactNode, use, useTransition } from "react";
import { cn } from "@/lib/utils";

interface Navigation {
  pending: boolean;
  /** Replaces the page's search params (no new history entry) and keeps the scroll position. */
  replace: (params: URLSearchParams) => void;
}

const NavigationContext = createContext<Navigation | null>(null);

export function useReportNavigation(): Navigation {
  const navigation = use(NavigationContext);
  if (!navigation) throw new Error("useReportNavigation outside <ReportNavigation>");
  return navigation;
}

/**
 * Holds the transition of a filter change, so the filter bar can say "Updating…" and the
 * figures below dim while the server renders the new ones, instead of flashing a skeleton.
 */
export function ReportNavigation({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const replace = (params: URLSearchParams) => {
    const query = params.toString();
    startTransition(() =>
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }),
    );
  };
  return <NavigationContext value={{ pending, replace }}>{children}</NavigationContext>;
}

/** The figures: marked busy and dimmed while new filters load. */
export function ReportBody({ children, className }: { children: ReactNode; className?: string }) {
  const { pending } = useReportNavigation();
  return (
    <div
      aria-busy={pending || undefined}
      className={cn("transition-opacity", pending && "pointer-events-none opacity-60", className)}
    >
      {children}
    </div>
  );
}
