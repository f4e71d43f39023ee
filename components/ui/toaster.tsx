"use client";

import { useTheme } from "next-themes";
import type { CSSProperties } from "react";
import { Toaster as Sonner, type ToasterProps } from "sonner";

export { toast } from "sonner";

// Sonner reads these custom properties; pointing them at our tokens keeps toasts on-theme.
const style: CSSProperties & Record<`--${string}`, string> = {
  "--normal-bg": "var(--popover)",
  "--normal-text": "var(--popover-foreground)",
  "--normal-border": "var(--border)",
  "--border-radius": "var(--radius)",
};

/** Mount once in the root layout; call `toast(...)` from any client component. */
export function Toaster(props: ToasterProps) {
  const { theme } = useTheme();
  const sonnerTheme = theme === "light" || theme === "dark" ? theme : "system";
  return (
    <Sonner
      theme={sonnerTheme}
      style={style}
      toastOptions={{
        classNames: {
          toast: "font-sans shadow-lg",
          description: "text-muted-foreground!",
        },
      }}
      {...props}
    />
  );
}
