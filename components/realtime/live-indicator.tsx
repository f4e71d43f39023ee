"use client";

import { useEffect, useState } from "react";
import { cn } from "@/lib/utils";
import { useLiveStatus } from "./live-provider";

/** Shown only after the connection has been down a moment, so a quick blip does not flash it. */
const GRACE_MS = 3_000;

/** "Reconnecting…" while live updates are down; nothing while they flow. */
export function LiveIndicator({ className }: { className?: string }) {
  const status = useLiveStatus();
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (status === "live") {
      setVisible(false);
      return;
    }
    const timer = setTimeout(() => setVisible(true), GRACE_MS);
    return () => clearTimeout(timer);
  }, [status]);
  if (!visible) return null;
  return (
    <output
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full bg-amber-100 px-2.5 py-1 text-amber-900 text-xs dark:bg-amber-500/15 dark:text-amber-200",
        className,
      )}
    >
      <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-amber-500" />
      Live updates paused — reconnecting…
    </output>
  );
}
