import { cn } from "@/lib/utils";

/** A member's status as shown everywhere: the same label and colour on every page. */
export const memberStatusStyles = {
  online: { label: "Online", className: "bg-emerald-500" },
  away: { label: "Away", className: "bg-amber-400" },
  offline: { label: "Offline", className: "bg-zinc-400 dark:bg-zinc-500" },
} as const;

export type MemberStatusName = keyof typeof memberStatusStyles;

/** The coloured dot alone, for menus and lists that print the status beside it. */
export function StatusDot({ status, className }: { status: MemberStatusName; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        "inline-block size-2 shrink-0 rounded-full",
        memberStatusStyles[status].className,
        className,
      )}
    />
  );
}

/**
 * "· Away" beside a name, so a status that needs attention is not told by colour alone. Online
 * (the usual state) prints nothing; screen readers already hear the status from the avatar.
 */
export function StatusText({ status }: { status: MemberStatusName }) {
  if (status === "online") return null;
  return (
    <span aria-hidden="true" className="shrink-0 text-muted-foreground text-xs">
      · {memberStatusStyles[status].label}
    </span>
  );
}
