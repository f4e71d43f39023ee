import type { MouseEvent } from "react";

/**
 * A control that must not act while an assignment runs, yet keeps focus: `disabled` would
 * drop the focus a closing picker hands back to its trigger (to the page's top, for keyboard
 * users). aria-disabled says it is unavailable; a click (or Enter) does nothing, and a picker
 * trigger stays shut (Radix skips a click whose default was prevented).
 */
export function busyProps(busy: boolean) {
  return {
    "aria-disabled": busy || undefined,
    onClick: (event: MouseEvent) => {
      if (busy) event.preventDefault();
    },
  } as const;
}
