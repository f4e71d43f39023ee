"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { toast } from "@/components/ui/toaster";
import {
  connectLive,
  type LiveStatus,
  type PusherClient,
} from "@/lib/realtime/client/live-connection";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { conversationPresenceChannel } from "@/lib/realtime/events";
import type { RealtimeClientConfig } from "@/lib/realtime/pusher-config";
import { type AlertPreferences, customerAlert, playChime, showDesktopNotification } from "./alerts";
import { PresenceStore, type PresentMember } from "./presence-store";

interface LiveContextValue {
  slug: string;
  memberId: string;
  status: LiveStatus;
  presence: PresenceStore;
  /** Set with the Pusher driver: presence channels tell who is viewing. */
  pusher: PusherClient | null;
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
  const [pusher, setPusher] = useState<PusherClient | null>(null);
  const presence = useMemo(() => new PresenceStore(), []);
  const preferencesRef = useRef(preferences);
  preferencesRef.current = preferences;
  // A refresh of the server layout passes an equal but new config object: keyed by its content,
  // the connection stays open instead of closing and reopening (and missing what came between).
  const configKey = JSON.stringify(config);
  const liveConfig = useMemo(() => JSON.parse(configKey) as RealtimeClientConfig, [configKey]);

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
          const title = customerAlert(event.change, preferencesRef.current.notifyScope, {
            assigneeId: event.assigneeId,
            memberId,
          });
          if (title) alert(title, "A customer is waiting for an answer.", event.conversationId);
          return;
        }
        case "notification.created":
          refresh("notifications");
          // Customer messages already alerted through the scope above.
          if (event.kind !== "message_received") {
            alert(event.title, "", event.conversationId);
            // In the open tab a desktop notification is not shown: a toast says it instead,
            // which screen readers announce too (the bell's count changes silently).
            if (document.visibilityState === "visible" && document.hasFocus()) {
              toast.message(event.title);
            }
          }
          return;
        case "notifications.read":
          refresh("notifications");
          return;
        case "presence":
          presence.update(event.conversationId, event);
          return;
        case "agent.typing":
          presence.agentTyping(event.conversationId, event);
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
      liveConfig,
      { kind: "member", workspace: slug, memberId },
      {
        onEvent,
        onStatus: setStatus,
        onReconnect: () => {
          presence.clear();
          void queryClient.invalidateQueries();
        },
        onRevoked: () => router.refresh(),
        onPusher: setPusher,
      },
    );
    const tick = setInterval(() => presence.tick(), 5_000);
    // The built-in stream itself shows the tab is open; with Pusher the tab says so (auto-away).
    const beat = () =>
      void fetch(`/api/workspaces/${encodeURIComponent(slug)}/realtime`, { method: "POST" }).catch(
        () => undefined,
      );
    const heartbeat = liveConfig.driver === "pusher" ? setInterval(beat, 30_000) : undefined;
    if (heartbeat) beat();
    return () => {
      clearTimeout(timer);
      clearInterval(tick);
      clearInterval(heartbeat);
      close();
    };
  }, [liveConfig, slug, memberId, presence, queryClient, router]);

  const value = useMemo(
    () => ({ slug, memberId, status, presence, pusher }),
    [slug, memberId, status, presence, pusher],
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

/** AI agents writing an answer in this conversation right now ("Ava is typing…"). */
export function useAgentsTyping(conversationId: string | null): string[] {
  const store = useContext(LiveContext)?.presence;
  useSyncExternalStore(store?.subscribe ?? noopSubscribe, store?.snapshot ?? zero, zero);
  if (!store || !conversationId) return [];
  return store.typingAgents(conversationId);
}

/** Forgets an agent's typing once its answer is in the thread (the stop signal may lag). */
export function useAgentAnswered(): (conversationId: string, agentName: string) => void {
  const store = useContext(LiveContext)?.presence;
  return useCallback(
    (conversationId: string, agentName: string) => store?.agentAnswered(conversationId, agentName),
    [store],
  );
}

interface PresenceMember {
  id: string;
  info?: { name?: string };
}

/**
 * With Pusher, joins the conversation's presence channel (authorised only while the member
 * may see it): members already there and arriving count as viewing, leaving ones drop at once.
 * The built-in driver needs nothing here (presence arrives as events).
 */
export function usePresenceChannel(conversationId: string | null): void {
  const live = useContext(LiveContext);
  const pusher = live?.pusher ?? null;
  const presence = live?.presence;
  useEffect(() => {
    if (!pusher || !presence || !conversationId) return;
    const name = conversationPresenceChannel(conversationId);
    const channel = pusher.subscribe(name);
    const seen = (member: PresenceMember, viewing: boolean) =>
      presence.update(conversationId, {
        memberId: member.id,
        name: member.info?.name ?? "Someone",
        viewing,
        typing: false,
      });
    channel.bind(
      "pusher:subscription_succeeded",
      (members: { each: (visit: (member: PresenceMember) => void) => void }) =>
        members.each((member) => seen(member, true)),
    );
    channel.bind("pusher:member_added", (member: PresenceMember) => seen(member, true));
    channel.bind("pusher:member_removed", (member: PresenceMember) => seen(member, false));
    return () => {
      channel.unbind_all();
      pusher.unsubscribe(name);
    };
  }, [pusher, presence, conversationId]);
}

const noopSubscribe = () => () => {};
const zero = () => 0;
