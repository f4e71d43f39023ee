import { cn } from "@/lib/utils";

const sizes = {
  sm: { mark: "size-5", text: "text-sm", gap: "gap-1.5" },
  md: { mark: "size-6", text: "text-base", gap: "gap-2" },
  lg: { mark: "size-9", text: "text-xl", gap: "gap-2.5" },
} as const;

/** Three switches on a board; the same drawing as app/icon.svg, coloured by the theme. */
export function LogoMark({ className, title }: { className?: string; title?: string }) {
  return (
    <svg
      viewBox="0 0 32 32"
      className={cn("shrink-0", className)}
      role={title ? "img" : undefined}
      aria-hidden={title ? undefined : true}
      aria-label={title}
    >
      <rect width="32" height="32" rx="8" className="fill-primary" />
      <path
        d="M8 10.5h16M8 16h16M8 21.5h16"
        className="stroke-primary-foreground"
        strokeOpacity={0.4}
        strokeLinecap="round"
        strokeWidth={2}
      />
      <g className="fill-primary-foreground">
        <circle cx="19.5" cy="10.5" r="2.75" />
        <circle cx="12.5" cy="16" r="2.75" />
        <circle cx="17" cy="21.5" r="2.75" />
      </g>
    </svg>
  );
}

export type LogoProps = {
  size?: keyof typeof sizes;
  /** Mark only, e.g. in a collapsed sidebar; it is then labelled "Switchboard". */
  markOnly?: boolean;
  className?: string;
};

/** The mark plus the "Switchboard" wordmark. Wrap it in a <Link> where it should navigate. */
export function Logo({ size = "md", markOnly = false, className }: LogoProps) {
  const s = sizes[size];
  if (markOnly) return <LogoMark title="Switchboard" className={cn(s.mark, className)} />;
  return (
    <span className={cn("inline-flex items-center", s.gap, className)}>
      <LogoMark className={s.mark} />
      <span className={cn("font-semibold tracking-tight", s.text)}>Switchboard</span>
    </span>
  );
}
