"use client";

import { Slot } from "radix-ui";
import type { ComponentProps, MouseEvent } from "react";
// The classes live in button-variants.ts: server components style links with them, and a
// function exported from this client module could not be called there.
import { type ButtonSize, type ButtonVariant, buttonVariants } from "./button-variants";
import { Spinner } from "./spinner";

export type ButtonProps = ComponentProps<"button"> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Render the single child (e.g. a <Link>) with button styling instead of a <button>. */
  asChild?: boolean;
  /**
   * Shows a spinner before the label and sets aria-busy. The button stays focusable while it
   * works (aria-disabled; clicks and form submits do nothing): a native `disabled` would drop
   * keyboard focus to the top of the page, even if `disabled` is passed alongside.
   */
  loading?: boolean;
};

function swallowClick(event: MouseEvent<HTMLButtonElement>) {
  event.preventDefault();
}

export function Button({
  variant,
  size,
  asChild = false,
  loading = false,
  disabled,
  className,
  children,
  onClick,
  ...props
}: ButtonProps) {
  const Comp = asChild ? Slot.Root : "button";
  // A slotted link cannot be disabled natively, and a working button keeps its focus: both
  // get aria-disabled instead, and their clicks are swallowed.
  const softDisabled = loading || (asChild && disabled === true);
  return (
    <Comp
      data-slot="button"
      className={buttonVariants({ variant, size, className })}
      disabled={asChild || loading ? undefined : disabled}
      aria-disabled={softDisabled || undefined}
      aria-busy={loading || undefined}
      {...props}
      // Only a working button swallows clicks (a client-side concern); otherwise the caller's
      // handler, if any, passes through untouched — server components render buttons too.
      onClick={loading ? swallowClick : onClick}
    >
      {loading ? <Spinner label={false} size={size === "sm" ? "sm" : "md"} /> : null}
      {asChild ? <Slot.Slottable>{children}</Slot.Slottable> : children}
    </Comp>
  );
}
