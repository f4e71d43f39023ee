"use client";

import { useEffect, useRef } from "react";

/** Viewers repeat their presence this often (others forget them after 30 s of silence). */
const VIEWING_EVERY_MS = 10_000;
/** While typing, the signal is renewed this often (others show it for 6 s). */
const TYPING_EVERY_MS = 3_000;

function announce(
  slug: string,
  conversationId: string,
  body: { viewing: boolean; typing: boolean },
) {
  return fetch(
    `/api/workspaces/${encodeURIComponent(slug)}/conversations/${encodeURIComponent(conversationId)}/presence`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      // A "left" signal must survive the tab closing.
      keepalive: !body.viewing,
    },
  ).catch(() => undefined);
}

/**
 * Tells the others who may see this conversation that this member has it open, and when
 * they are typing, so two people do not answer the same customer.
 */
export function usePresenceAnnouncer(slug: string, conversationId: string | null, typing: boolean) {
  const typingRef = useRef(typing);
  const lastTypingSent = useRef(0);

  useEffect(() => {
    if (!conversationId) return;
    const send = () => announce(slug, conversationId, { viewing: true, typing: typingRef.current });
    void send();
    const timer = setInterval(() => {
      if (document.visibilityState !== "hidden") void send();
    }, VIEWING_EVERY_MS);
    const leave = () => void announce(slug, conversationId, { viewing: false, typing: false });
    window.addEventListener("pagehide", leave);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [slug, conversationId]);

  useEffect(() => {
    const was = typingRef.current;
    typingRef.current = typing;
    if (!conversationId) return;
    const now = Date.now();
    if (typing && (!was || now - lastTypingSent.current > TYPING_EVERY_MS)) {
      lastTypingSent.current = now;
      void announce(slug, conversationId, { viewing: true, typing: true });
    } else if (!typing && was) {
      void announce(slug, conversationId, { viewing: true, typing: false });
    }
  }, [slug, conversationId, typing]);
}
