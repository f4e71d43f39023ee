import { cn } from "@/lib/utils";

const base =
  "inline-flex shrink-0 select-none items-center justify-center gap-2 whitespace-nowrap rounded-md border border-transparent font-medium text-sm transition-[color,background-color,border-color,box-shadow,opacity] focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background disabled:pointer-events-none disabled:opacity-50 aria-disabled:pointer-events-none aria-disabled:opacity-50 [&_svg:not([class*='size-'])]:size-4 [&_svg]:pointer-events-none [&_svg]:shrink-0";

const variants = {
  default: "bg-primary text-primary-foreground shadow-xs hover:bg-primary/90",
  secondary: "bg-secondary text-secondary-foreground hover:bg-secondary/80",
  outline:
    "border-input bg-background shadow-xs hover:bg-accent hover:text-accent-foreground dark:bg-input/20 dark:hover:bg-input/40",
  ghost: "hover:bg-accent hover:text-accent-foreground",
  // Dark mode uses a tinted button: a solid red fill that carries readable white text is
  // too heavy on a near-black page.
  destructive:
    "bg-destructive text-destructive-foreground shadow-xs hover:bg-destructive/90 dark:border-destructive/30 dark:bg-destructive/15 dark:text-destructive dark:hover:bg-destructive/25",
  link: "h-auto px-0 text-link underline-offset-4 hover:underline",
} as const;

const sizes = {
  sm: "h-8 gap-1.5 px-3 text-[13px]",
  md: "h-9 px-4",
  lg: "h-10 px-5",
  icon: "size-9",
} as const;

export type ButtonVariant = keyof typeof variants;
export type ButtonSize = keyof typeof sizes;

/** Button classes, for elements that should look like a button but cannot use <Button>. */
export function buttonVariants({
  variant = "default",
  size = "md",
  className,
}: {
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
} = {}): string {
  // `link` keeps its own height/padding so it sits inline with text.
  return cn(base, sizes[size], variants[variant], className);
}
