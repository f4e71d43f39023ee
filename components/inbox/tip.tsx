"use client";

import { Tooltip } from "radix-ui";
import type { ReactNode } from "react";
import { Kbd } from "@/components/ui/kbd";

export const TipProvider = Tooltip.Provider;

/**
 * A hover and focus hint for a control whose label is short or only an icon. The trigger keeps
 * its own accessible name; the tip repeats it visibly, with the shortcut key when there is one.
 */
export function Tip({
  label,
  shortcut,
  side = "bottom",
  children,
}: {
  label: string;
  shortcut?: string;
  side?: "top" | "bottom" | "left" | "right";
  children: ReactNode;
}) {
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>{children}</Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content
          side={side}
          sideOffset={6}
          className="z-50 flex max-w-64 items-center gap-2 rounded-md bg-foreground px-2 py-1 text-background text-xs shadow-md data-[state=closed]:animate-fade-out data-[state=delayed-open]:animate-fade-in"
        >
          {label}
          {shortcut ? (
            <Kbd className="border-background/20 bg-background/15 text-background shadow-none">
              {shortcut}
            </Kbd>
          ) : null}
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}
