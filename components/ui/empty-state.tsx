import type { ComponentType, ReactNode } from "react";
import { cn } from "@/lib/utils";

export type EmptyStateProps = {
  /** A lucide icon component, e.g. icon={InboxIcon}. */
  icon?: ComponentType<{ className?: string; "aria-hidden"?: boolean | "true" | "false" }>;
  title: ReactNode;
  description?: ReactNode;
  /** Usually a <Button>; the next step that fills the empty space. */
  action?: ReactNode;
  /** Heading level that fits the page outline; defaults to h2. */
  headingAs?: "h2" | "h3" | "p";
  className?: string;
};

export function EmptyState({
  icon: Icon,
  title,
  description,
  action,
  headingAs: Heading = "h2",
  className,
}: EmptyStateProps) {
  return (
    <div
      data-slot="empty-state"
      className={cn(
        "flex flex-col items-center justify-center gap-1 px-6 py-12 text-center",
        className,
      )}
    >
      {Icon ? (
        <div className="mb-3 flex size-11 items-center justify-center rounded-lg border bg-muted/50 text-muted-foreground shadow-xs">
          <Icon aria-hidden="true" className="size-5" />
        </div>
      ) : null}
      <Heading className="font-semibold text-base tracking-tight">{title}</Heading>
      {description ? (
        <p className="max-w-sm text-balance text-muted-foreground text-sm">{description}</p>
      ) : null}
      {action ? <div className="mt-4 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}
