"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { WidgetMessage } from "@/lib/channels/widget/types";
import { connectLive } from "@/lib/realtime/client/live-connection";
import type { RealtimeClientConfig } from "@/lib/realtime/pusher-config";
import { forgetVisitorToken, loadVisitorToken, saveVisitorToken } from "./visitor-storage";
import {
  fetchMessages,
  NETWORK_MESSAGE,
  openSession,
  postMessage,
  WidgetRequestError,
} from "./widget-api";

/** "Sam is typing…" disappears after this long without a new signal. */
const TYPING_SHOWN_MS = 6_000;
/**
 * A catch-up read asks again for the last few seconds: a reply can commit after a later one
 * (commit order is not timestamp order), and re-reading a short overlap catches it.
 */
const POLL_OVERLAP_MS = 10_000;

function byTime(a: WidgetMessage, b: WidgetMessage): number {
  return a.createdAt === b.createdAt
    ? a.id.localeCompare(b.id)
    : a.createdAt < b.createdAt
      ? -1
      : 1;
}

function mergeMessages(current: WidgetMessage[], incoming: WidgetMessage[]): WidgetMessage[] {
  if (incoming.length === 0) return current;
  const known = new Set(current.map((message) => message.id));
  const fresh = incoming.filter((message) => !known.has(message.id));
  return fresh.length === 0 ? current : [...current, ...fresh].sort(byTime);
}

function pollCursor(messages: WidgetMessage[]): string | null {
  const newest = messages.at(-1);
  if (!newest) return null;
  return new Date(new Date(newest.createdAt).getTime() - POLL_OVERLAP_MS).toISOString();
}

/** What a person can read: the server's message, never a raw exception. */
const messageOf = (caught: unknown) =>
  caught instanceof WidgetRequestError ? caught.message : NETWORK_MESSAGE;

export interface SendInput {
  body: string;
  name?: string;
  email?: string;
}

/**
 * The widget's state: a session (a returning visitor's token is reused), the thread kept up
 * to date live (built-in stream or Pusher), and sending with errors a person can act on.
 */
export function useWidgetChat({
  publicId,
  workspaceName,
  greeting,
  messageMax,
  realtime,
}: {
  publicId: string;
  workspaceName: string;
  greeting: string;
  messageMax: number;
  realtime: RealtimeClientConfig;
}) {
  const [phase, setPhase] = useState<"starting" | "ready" | "failed">("starting");
  const [token, setToken] = useState<string | null>(null);
  const [opening, setOpening] = useState({ workspaceName, greeting });
  const [messages, setMessages] = useState<WidgetMessage[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [offline, setOffline] = useState(false);
  const [typing, setTyping] = useState<string | null>(null);
  const messagesRef = useRef<WidgetMessage[]>([]);

  const merge = useCallback((incoming: WidgetMessage[]) => {
    setMessages((current) => {
      const next = mergeMessages(current, incoming);
      messagesRef.current = next;
      return next;
    });
  }, []);

  const start = useCallback(
    async (previous: string | null): Promise<boolean> => {
      setPhase("starting");
      try {
        const session = await openSession(publicId, previous);
        saveVisitorToken(publicId, session.token);
        messagesRef.current = session.messages;
        setMessages(session.messages);
        setOpening({ workspaceName: session.workspaceName, greeting: session.greeting });
        setToken(session.token);
        setError(null);
        setPhase("ready");
        return true;
      } catch (caught) {
        setError(messageOf(caught));
        setPhase("failed");
        return false;
      }
    },
    [publicId],
  );

  useEffect(() => {
    void start(loadVisitorToken(publicId));
  }, [publicId, start]);

  /** A token the server no longer accepts: start over as a new visitor. */
  const restart = useCallback(async () => {
    forgetVisitorToken(publicId);
    setToken(null);
    return start(null);
  }, [publicId, start]);

  // Replies arrive live; on (re)connecting the thread is read again from just before the
  // newest message, so nothing sent while the connection was down is missed.
  useEffect(() => {
    if (phase !== "ready" || !token) return;
    let stopped = false;
    let wasLive = false;
    let typingTimer: ReturnType<typeof setTimeout> | undefined;
    const catchUp = async () => {
      try {
        const page = await fetchMessages(publicId, {
          token,
          after: pollCursor(messagesRef.current),
        });
        if (stopped) return;
        merge(page.messages);
      } catch (caught) {
        if (stopped) return;
        if (caught instanceof WidgetRequestError && caught.status === 401) void restart();
      }
    };
    const close = connectLive(
      realtime,
      { kind: "visitor", publicId, token },
      {
        onEvent: (event) => {
          if (event.type === "widget.message") {
            merge([event.message]);
            setTyping(null);
          } else if (event.type === "widget.typing") {
            setTyping(event.name);
            clearTimeout(typingTimer);
            typingTimer = setTimeout(() => setTyping(null), TYPING_SHOWN_MS);
          }
        },
        onStatus: (status) => {
          if (status === "live") wasLive = true;
          setOffline(status === "down" || (status === "connecting" && wasLive));
        },
        onReconnect: () => void catchUp(),
        onRevoked: () => void restart(),
      },
    );
    void catchUp();
    return () => {
      stopped = true;
      clearTimeout(typingTimer);
      close();
    };
  }, [phase, token, publicId, realtime, merge, restart]);

  /** Sends one message; true when it was stored, so the composer may clear. */
  async function send({ body, name, email }: SendInput): Promise<boolean> {
    const text = body.trim();
    setFieldErrors({});
    if (!text) {
      setError("Write a message first.");
      return false;
    }
    if (text.length > messageMax) {
      setError(`Keep messages under ${messageMax.toLocaleString("en")} characters.`);
      return false;
    }
    if (!token || sending) return false;
    setSending(true);
    setError(null);
    try {
      merge([await postMessage(publicId, { token, body: text, name, email })]);
      setOffline(false);
      return true;
    } catch (caught) {
      if (caught instanceof WidgetRequestError && caught.status === 401) {
        await restart();
        setError("Your chat session had expired. Send your message again.");
        return false;
      }
      if (caught instanceof WidgetRequestError) setFieldErrors(caught.fields ?? {});
      setError(messageOf(caught));
      return false;
    } finally {
      setSending(false);
    }
  }

  return {
    phase,
    opening,
    messages,
    sending,
    error,
    fieldErrors,
    offline,
    typing,
    send,
    retry: () => start(loadVisitorToken(publicId)),
    dismissError: () => setError(null),
  };
}
