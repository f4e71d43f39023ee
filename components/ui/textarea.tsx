import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";
import { controlClasses } from "./input";

/** Grows with its content (field-sizing) where the browser supports it; resizable otherwise. */
export function Textarea({ className, rows = 3, ...props }: ComponentProps<"textarea">) {
  return (
    <textarea
      rows={rows}
      data-slot="textarea"
      className={cn(controlClasses, "field-sizing-content min-h-20 resize-y py-2", className)}
      {...props}
    />
  );
}
