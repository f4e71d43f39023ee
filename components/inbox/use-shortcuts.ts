"use client";

import { useEffect, useEffectEvent } from "react";

const TEXT_INPUT_TYPES = new Set([
  "text",
  "search",
  "email",
  "url",
  "tel",
  "password",
  "number",
  "date",
  "datetime-local",
  "month",
  "time",
  "week",
]);

/** A control that takes typed characters, where a letter must type, not run a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

/** A control Enter already activates (a link, a button), so Enter must not also open a row. */
export function isInteractiveTarget(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest("a[href],button,[role='button'],[role='menuitem'],summary,input,select") !== null
  );
}

/** Inside an open dialog or menu, keys belong to it. */
function insideOverlay(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest("[role='dialog'],[role='alertdialog'],[role='menu']") !== null
  );
}

export type ShortcutMap = Partial<Record<string, (event: KeyboardEvent) => void>>;

/**
 * Single-key shortcuts on the whole page, keyed by `event.key` in lower case ("j", "/", "?",
 * "enter", "escape").
 * They are ignored while typing in a field (except Escape), with a modifier held, or inside a
 * dialog or menu. A handler that acts should call `event.preventDefault()`.
 */
export function useShortcuts(shortcuts: ShortcutMap) {
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.isComposing) return;
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (insideOverlay(event.target)) return;
    if (isTypingTarget(event.target) && event.key !== "Escape") return;
    shortcuts[event.key.toLowerCase()]?.(event);
  });
  useEffect(() => {
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
