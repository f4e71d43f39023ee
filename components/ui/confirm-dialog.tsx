"use client";

import { AlertDialog } from "radix-ui";
import { type ReactNode, useRef, useState } from "react";
import { cn } from "@/lib/utils";
import { Button } from "./button";
import { dialogContentClassName, dialogOverlayClassName } from "./dialog";

export type ConfirmDialogProps = {
  /** The element that opens the dialog (rendered asChild, so pass a <Button>). Omit when controlled. */
  trigger?: ReactNode;
  title: ReactNode;
  description: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  destructive?: boolean;
  /**
   * Runs while the confirm button shows a spinner; the dialog closes when it resolves.
   * If it throws, the dialog stays open and the error propagates: report failures
   * yourself (e.g. a toast) and resolve, rather than relying on the dialog for it.
   */
  onConfirm: () => Promise<void> | void;
  /** Optional control, e.g. to open the dialog from a dropdown menu item. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
};

/** Asks before an irreversible action. Built on AlertDialog: no dismiss on outside click. */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel,
  cancelLabel = "Cancel",
  destructive = false,
  onConfirm,
  open: openProp,
  onOpenChange,
}: ConfirmDialogProps) {
  const [openState, setOpenState] = useState(false);
  const [pending, setPending] = useState(false);
  const open = openProp ?? openState;
  // What had focus when the dialog opened (its trigger, a menu's button): focus goes back there
  // on close; if the confirmed action then removes it (a revoked row), see keepFocusNear.
  const opener = useRef<HTMLElement | null>(null);

  function setOpen(next: boolean) {
    // Closing mid-request would hide whether the action succeeded.
    if (pending && !next) return;
    setOpenState(next);
    onOpenChange?.(next);
  }

  async function confirm() {
    setPending(true);
    const from = opener.current;
    try {
      await onConfirm();
      setPending(false);
      setOpenState(false);
      onOpenChange?.(false);
      if (from) keepFocusNear(from);
    } catch (error) {
      setPending(false);
      throw error;
    }
  }

  return (
    <AlertDialog.Root open={open} onOpenChange={setOpen}>
      {trigger ? <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger> : null}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={dialogOverlayClassName} />
        <AlertDialog.Content
          className={cn(dialogContentClassName, "sm:max-w-md")}
          onOpenAutoFocus={() => {
            // Still the opener: focus moves into the dialog after this.
            opener.current =
              document.activeElement instanceof HTMLElement ? document.activeElement : null;
          }}
        >
          <div className="flex flex-col gap-1.5">
            <AlertDialog.Title className="font-semibold text-lg leading-tight tracking-tight">
              {title}
            </AlertDialog.Title>
            <AlertDialog.Description className="text-muted-foreground text-sm">
              {description}
            </AlertDialog.Description>
          </div>
          <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel asChild>
              <Button variant="outline" disabled={pending}>
                {cancelLabel}
              </Button>
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that closes the dialog before the work is done. */}
            <Button
              variant={destructive ? "destructive" : "default"}
              loading={pending}
              onClick={confirm}
            >
              {confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/**
 * After a confirmed action the page often removes the element that opened the dialog (the row
 * of a revoked key, a removed member), and keyboard focus would fall to the page's top. For a
 * few seconds, once that element is gone while nothing has focus, focus moves to the heading
 * of the section it was in (or the section itself, or the page's first heading).
 */
function keepFocusNear(element: HTMLElement) {
  const scope = element.closest<HTMLElement>("section, [role='region'], main");
  const until = Date.now() + 3_000;
  const check = () => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (!element.isConnected && lost) {
      const target =
        (scope?.isConnected ? (scope.querySelector<HTMLElement>("h1, h2, h3") ?? scope) : null) ??
        document.querySelector<HTMLElement>("main h1, main h2, h1");
      if (target) {
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus({ preventScroll: true });
      }
      return;
    }
    if (Date.now() < until) setTimeout(check, 100);
  };
  setTimeout(check, 0);
}
