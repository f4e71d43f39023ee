import { cn } from "@/lib/utils";

const sizes = {
  md: "size-9 text-lg",
  lg: "size-12 text-2xl",
} as const;

/** An agent's emoji in a tinted circle. Decorative: the agent's name is always shown beside it. */
export function AgentAvatar({
  avatar,
  size = "md",
  className,
}: {
  avatar: string;
  size?: keyof typeof sizes;
  className?: string;
}) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-flex shrink-0 select-none items-center justify-center rounded-full border border-border bg-muted/60 leading-none",
        sizes[size],
        className,
      )}
    >
      {avatar}
    </span>
  );
}
