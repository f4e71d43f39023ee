import type { Metadata } from "next";
import type { ReactNode } from "react";

// Chat pages are for the people a workspace talks to, not for search engines.
export const metadata: Metadata = { robots: { index: false, follow: false } };

/** The widget's own frame: no app shell, just the chat on the page background. */
export default function WidgetLayout({ children }: { children: ReactNode }) {
  // The padding, not the chat's margin, spaces the card: a margin would pass through this box,
  // start its background lower and make the page taller than the window.
  return <div className="min-h-dvh bg-background sm:bg-muted/40 sm:py-6">{children}</div>;
}
