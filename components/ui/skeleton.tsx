import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/**
 * A placeholder block. Hidden from assistive tech: mark the loading region itself with
 * aria-busy (or render a Spinner with a label) so the wait is announced once.
 */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-muted", className)}
      {...props}
    />
  );
}
