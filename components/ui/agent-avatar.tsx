import { cn } from "@/lib/utils";

const sizes = {
  xs: "size-5 text-[11px]",
  sm: "size-6 text-xs",
  md: "size-8 text-base",
  lg: "size-9 text-lg",
  xl: "size-12 text-2xl",
} as const;

/**
 * An AI agent's emoji avatar, on a violet ground that sets agents apart from people (whose
 * avatars are initials or photos), in the inbox and in Settings alike. Decorative: the agent's
 * name is always shown beside it.
 */
export function AgentAvatar({
  avatar,
  size = "sm",
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
        "inline-flex shrink-0 select-none items-center justify-center rounded-full bg-violet-100 leading-none ring-1 ring-violet-200 dark:bg-violet-500/20 dark:ring-violet-400/30",
        sizes[size],
        className,
      )}
    >
      {avatar || "🤖"}
    </span>
  );
}
