"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { connectLive, type LiveStatus } from "@/lib/realtime/client/live-connection";
import type { RealtimeEvent } from "@/lib/realtime/events";
import type { RealtimeClientConfig } from "@/lib/realtime/pusher-config";
import { type AlertPreferences, inAlertScope, playChime, showDesktopNotification } from "./alerts";
import { PresenceStore, type PresentMember } from "./presence-store";

interface LiveContextValue {
  slug: string;
  memberId: string;
  status: LiveStatus;
  presence: PresenceStore;
}

const LiveContext = createContext<LiveContextValue | null>(null);

/** Query keys the live events refresh (kept beside their owners' own key helpers). */
export const notificationKeys = { all: (slug: string) => ["notifications", slug] as const };
const inboxRoot = (slug: string) => ["inbox", slug] as const;

/** Several events in a burst cause one refetch. */
const BATCH_MS = 120;

/**
 * Live updates for a signed-in member: one connection per tab (built-in stream or Pusher),
 * whose events refresh the TanStack Query caches of the inbox and the bell, feed presence
 * ("Sam is viewing / typing"), and raise desktop or sound alerts by the member's preferences.
 * After a reconnect everything is refetched, since events may have been missed.
 */
export function LiveProvider({
  slug,
  memberId,
  config,
  preferences,
  children,
}: {
  slug: string;
  memberId: string;
  config: RealtimeClientConfig;
  preferences: AlertPreferences;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const presence = useMemo(() => new PresenceStore(), []);
  const preferencesRef = useRef(preferences);
  preferencesRef.current = preferences;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stale = new Set<"inbox" | "notifications">();
    const refresh = (what: "inbox" | "notifications") => {
      stale.add(what);
      timer ??= setTimeout(() => {
        timer = undefined;
        if (stale.has("inbox")) void queryClient.invalidateQueries({ queryKey: inboxRoot(slug) });
        if (stale.has("notifications")) {
          void queryClient.invalidateQueries({ queryKey: notificationKeys.all(slug) });
        }
        stale.clear();
      }, BATCH_MS);
    };
    const alert = (title: string, body: string, conversationId: string | null) => {
      const { desktopNotifications, notificationSound } = preferencesRef.current;
      if (notificationSound) playChime();
      if (desktopNotifications) {
        showDesktopNotification(
          title,
          body,
          conversationId ? `/${slug}/inbox/${conversationId}` : null,
        );
      }
    };
    const onEvent = (event: RealtimeEvent) => {
      switch (event.type) {
        case "conversation.changed": {
          refresh("inbox");
          const scope = preferencesRef.current.notifyScope;
          if (
            (event.change === "created" || event.change === "message") &&
            inAlertScope(scope, { assigneeId: event.assigneeId, memberId })
          ) {
            alert(
              event.change === "created" ? "New conversation" : "New message",
              "A customer is waiting for an answer.",
              event.conversationId,
            );
          }
          return;
        }
        case "notification.created":
          refresh("notifications");
          // Customer messages already alerted through the scope above.
          if (event.kind !== "message_received") alert(event.title, "", event.conversationId);
          return;
        case "notifications.read":
          refresh("notifications");
          return;
        case "presence":
          presence.update(event.conversationId, event);
          return;
        case "access.changed":
          refresh("inbox");
          router.refresh();
          return;
        default:
          return;
      }
    };
    const close = connectLive(
      config,
      { kind: "member", workspace: slug, memberId },
      {
        onEvent,
        onStatus: setStatus,
        onReconnect: () => {
          presence.clear();
          void queryClient.invalidateQueries();
        },
        onRevoked: () => router.refresh(),
      },
    );
    const tick = setInterval(() => presence.tick(), 5_000);
    // The built-in stream itself shows the tab is open; with Pusher the tab says so (auto-away).
    const beat = () =>
      void fetch(`/api/workspaces/${encodeURIComponent(slug)}/realtime`, { method: "POST" }).catch(
        () => undefined,
      );
    const heartbeat = config.driver === "pusher" ? setInterval(beat, 30_000) : undefined;
    if (heartbeat) beat();
    return () => {
      clearTimeout(timer);
      clearInterval(tick);
      clearInterval(heartbeat);
      close();
    };
  }, [config, slug, memberId, presence, queryClient, router]);

  const value = useMemo(
    () => ({ slug, memberId, status, presence }),
    [slug, memberId, status, presence],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** The live connection's state; "live" outside a provider (nothing to wait for). */
export function useLiveStatus(): LiveStatus {
  return useContext(LiveContext)?.status ?? "live";
}

/** Whether queries should poll: only while live updates are down. */
export function usePollingFallback(ms: number): number | false {
  return useLiveStatus() === "live" ? false : ms;
}

/** Other members viewing (and typing in) this conversation right now. */
export function useConversationPresence(conversationId: string | null): PresentMember[] {
  const live = useContext(LiveContext);
  const store = live?.presence;
  useSyncExternalStore(store?.subscribe ?? noopSubscribe, store?.snapshot ?? zero, zero);
  if (!store || !live || !conversationId) return [];
  return store.present(conversationId, live.memberId);
}

const noopSubscribe = () => () => {};
const zero = () => 0;
