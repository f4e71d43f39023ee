import { Avatar as AvatarPrimitive } from "radix-ui";
import type { ReactNode } from "react";
import { cn, initials } from "@/lib/utils";
import { type MemberStatusName, memberStatusStyles } from "./status-dot";

const sizes = {
  xs: { root: "size-5 text-[9px]", dot: "size-1.5 ring-1" },
  sm: { root: "size-6 text-[10px]", dot: "size-2 ring-[1.5px]" },
  md: { root: "size-8 text-xs", dot: "size-2.5 ring-2" },
  lg: { root: "size-10 text-sm", dot: "size-3 ring-2" },
} as const;

// Written out in full so Tailwind sees every class; each pair keeps >= 4.5:1 in both themes.
const palette = [
  "bg-rose-100 text-rose-800 dark:bg-rose-500/20 dark:text-rose-200",
  "bg-orange-100 text-orange-800 dark:bg-orange-500/20 dark:text-orange-200",
  "bg-amber-100 text-amber-800 dark:bg-amber-500/20 dark:text-amber-200",
  "bg-lime-100 text-lime-800 dark:bg-lime-500/20 dark:text-lime-200",
  "bg-emerald-100 text-emerald-800 dark:bg-emerald-500/20 dark:text-emerald-200",
  "bg-teal-100 text-teal-800 dark:bg-teal-500/20 dark:text-teal-200",
  "bg-sky-100 text-sky-800 dark:bg-sky-500/20 dark:text-sky-200",
  "bg-blue-100 text-blue-800 dark:bg-blue-500/20 dark:text-blue-200",
  "bg-indigo-100 text-indigo-800 dark:bg-indigo-500/20 dark:text-indigo-200",
  "bg-violet-100 text-violet-800 dark:bg-violet-500/20 dark:text-violet-200",
  "bg-fuchsia-100 text-fuchsia-800 dark:bg-fuchsia-500/20 dark:text-fuchsia-200",
  "bg-pink-100 text-pink-800 dark:bg-pink-500/20 dark:text-pink-200",
] as const;

/** The same name always gets the same colour, on every page and for every viewer. */
export function avatarColor(name: string): string {
  let hash = 0;
  for (const char of name.trim().toLowerCase()) {
    hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  }
  return palette[hash % palette.length] ?? palette[0];
}

const statuses = memberStatusStyles;

export type AvatarStatus = MemberStatusName;

export type AvatarProps = {
  name: string;
  image?: string | null;
  size?: keyof typeof sizes;
  status?: AvatarStatus;
  /**
   * Set when the name is already shown next to the avatar, so screen readers do not read it
   * twice. The status is still announced.
   */
  decorative?: boolean;
  className?: string;
};

export function Avatar({
  name,
  image,
  size = "md",
  status,
  decorative = false,
  className,
}: AvatarProps) {
  const s = sizes[size];
  return (
    <span data-slot="avatar" className={cn("relative inline-flex shrink-0", className)}>
      <AvatarPrimitive.Root
        className={cn("relative flex shrink-0 overflow-hidden rounded-full", s.root)}
      >
        {image ? (
          <AvatarPrimitive.Image
            src={image}
            alt={decorative ? "" : name}
            className="aspect-square size-full object-cover"
          />
        ) : null}
        <AvatarPrimitive.Fallback
          // With an image, wait briefly so a fast load does not flash the initials first.
          delayMs={image ? 400 : undefined}
          className={cn(
            "flex size-full select-none items-center justify-center rounded-full font-semibold leading-none",
            avatarColor(name),
          )}
        >
          <span aria-hidden="true">{initials(name)}</span>
          {decorative ? null : <span className="sr-only">{name}</span>}
        </AvatarPrimitive.Fallback>
      </AvatarPrimitive.Root>
      {status ? (
        <span
          className={cn(
            "absolute right-0 bottom-0 rounded-full ring-background",
            s.dot,
            statuses[status].className,
          )}
        >
          <span className="sr-only">{`(${statuses[status].label})`}</span>
        </span>
      ) : null}
    </span>
  );
}

/** Overlapping avatars, e.g. everyone viewing a conversation. */
export function AvatarGroup({
  children,
  className,
  label,
}: {
  children: ReactNode;
  className?: string;
  /** Read before the names by screen readers, e.g. "Viewing now". */
  label?: string;
}) {
  return (
    <span
      className={cn(
        "-space-x-1 flex items-center *:data-[slot=avatar]:rounded-full *:data-[slot=avatar]:ring-2 *:data-[slot=avatar]:ring-background",
        className,
      )}
    >
      {label ? <span className="sr-only">{`${label}:`}</span> : null}
      {children}
    </span>
  );
}
