import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** Shared by Input and Textarea so both controls look and react the same. */
export const controlClasses =
  "w-full min-w-0 rounded-md border border-input bg-background px-3 text-base shadow-xs transition-[color,border-color,box-shadow] placeholder:text-muted-foreground focus-visible:border-ring focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/25 disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-destructive aria-invalid:focus-visible:ring-destructive/25 md:text-sm dark:bg-input/20";

// Inputs are 16px below md so iOS Safari does not zoom the page when one is focused.
export function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  return (
    <input
      type={type}
      data-slot="input"
      className={cn(
        controlClasses,
        "h-9 py-1 file:mr-3 file:inline-flex file:h-7 file:border-0 file:bg-transparent file:font-medium file:text-foreground file:text-sm",
        className,
      )}
      {...props}
    />
  );
}
