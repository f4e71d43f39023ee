"use client";

import { useCallback, useSyncExternalStore } from "react";
import { type Draft, restoreFailed } from "./draft";

/*
 * Opening the first conversation from the list page swaps the route's page (list page →
 * conversation page), which remounts the inbox. What the person was doing must survive that
 * swap, so it lives here, outside React, for the life of the tab.
 */

/** List scroll offsets by list query key. */
export const listScroll = new Map<string, number>();

const draftMap = new Map<string, Draft>();
const draftListeners = new Set<(conversationId: string) => void>();

/**
 * Unsent text by conversation id, with its mode (a note stays a note). A send that failed
 * puts its text back here whether or not its composer is still on screen; a composer that is
 * hears of it and shows it.
 */
export const drafts = {
  get: (conversationId: string): Draft | undefined => draftMap.get(conversationId),
  set(conversationId: string, draft: Draft) {
    if (draft.text) draftMap.set(conversationId, draft);
    else draftMap.delete(conversationId);
  },
  restore(conversationId: string, failed: Draft) {
    draftMap.set(conversationId, restoreFailed(draftMap.get(conversationId), failed));
    for (const listener of draftListeners) listener(conversationId);
  },
  onRestore(listener: (conversationId: string) => void): () => void {
    draftListeners.add(listener);
    return () => draftListeners.delete(listener);
  },
};

let focusAfterOpen: string | null = null;
/** Put focus back on this conversation's row once the list renders again. */
export function requestRowFocus(id: string | null) {
  focusAfterOpen = id;
}
export function takeRowFocus(): string | null {
  const id = focusAfterOpen;
  focusAfterOpen = null;
  return id;
}

let lastMarkedRead: string | null = null;
/** True the first time a conversation is opened; false again until another one (or none) is. */
export function firstOpening(id: string | null): boolean {
  if (id === lastMarkedRead) return false;
  lastMarkedRead = id;
  return id !== null;
}

const DRAWER_KEY = "switchboard.inbox.details";
const drawerListeners = new Set<() => void>();
let drawerOpen: boolean | null = null;

function readDrawer(): boolean {
  if (drawerOpen === null) {
    try {
      drawerOpen = window.localStorage.getItem(DRAWER_KEY) !== "closed";
    } catch {
      // Storage can be blocked (private mode, policies); the drawer then starts open.
      drawerOpen = true;
    }
  }
  return drawerOpen;
}

/** Whether the details drawer is shown beside the thread on wide screens; remembered. */
export function useWideDrawer(): [boolean, (open: boolean) => void] {
  const open = useSyncExternalStore(
    (listener) => {
      drawerListeners.add(listener);
      return () => drawerListeners.delete(listener);
    },
    readDrawer,
    () => true,
  );
  const setOpen = useCallback((next: boolean) => {
    drawerOpen = next;
    try {
      window.localStorage.setItem(DRAWER_KEY, next ? "open" : "closed");
    } catch {
      // Not remembered across reloads; it still applies to this tab.
    }
    for (const listener of drawerListeners) listener();
  }, []);
  return [open, setOpen];
}

/** A media query as state; `serverValue` is assumed until the browser answers. */
export function useMediaQuery(query: string, serverValue: boolean): boolean {
  return useSyncExternalStore(
    (listener) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", listener);
      return () => list.removeEventListener("change", listener);
    },
    () => window.matchMedia(query).matches,
    () => serverValue,
  );
}
