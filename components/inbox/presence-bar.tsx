"use client";

import { Eye, PenLine, Sparkles } from "lucide-react";
import { useEffect, useRef } from "react";
import {
  useAgentAnswered,
  useAgentsTyping,
  useConversationPresence,
} from "@/components/realtime/live-provider";

const joinNames = (list: string[]) =>
  list.length === 1 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} and ${list.at(-1) ?? ""}`;

/**
 * Collision detection above the composer: who else has this conversation open, and who is
 * typing a reply (a member, or the AI agent writing its answer), so two do not answer the
 * same customer.
 */
export function PresenceBar({
  conversationId,
  agentHandling,
  lastAgentReply,
}: {
  conversationId: string;
  /** An AI agent session is active: without one, no agent is writing here any more. */
  agentHandling: boolean;
  /** The newest message an AI agent wrote here: once it lands, that agent is done typing. */
  lastAgentReply: { id: string; agentName: string } | null;
}) {
  const present = useConversationPresence(conversationId);
  const typingAgents = useAgentsTyping(conversationId);
  const agents = agentHandling ? typingAgents : [];
  useForgetAnsweredAgent(conversationId, lastAgentReply);
  const typing = present.filter((member) => member.typing).map((member) => member.name);
  const viewing = present.filter((member) => !member.typing).map((member) => member.name);
  const shown = present.length > 0 || agents.length > 0;
  // Screen readers hear who joins or leaves, not every switch between typing and viewing
  // (every few seconds while someone writes): the visible bar is not a live region.
  const here = present.map((member) => member.name).sort();
  return (
    <div className="shrink-0">
      <p aria-live="polite" className="sr-only">
        {here.length > 0
          ? `${joinNames(here)} ${here.length === 1 ? "is" : "are"} also in this conversation`
          : ""}
      </p>
      {shown ? (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 border-border border-t bg-amber-50 px-4 py-1.5 text-amber-950 text-xs dark:bg-amber-500/10 dark:text-amber-100">
          {agents.length > 0 ? (
            <span className="inline-flex items-center gap-1.5 font-medium">
              <Sparkles aria-hidden className="size-3.5" />
              {joinNames(agents)} {agents.length === 1 ? "is" : "are"} typing…
            </span>
          ) : null}
          {typing.length > 0 ? (
            <span className="inline-flex items-center gap-1.5 font-medium">
              <PenLine aria-hidden className="size-3.5" />
              {joinNames(typing)} {typing.length === 1 ? "is" : "are"} typing…
            </span>
          ) : null}
          {viewing.length > 0 ? (
            <span className="inline-flex items-center gap-1.5">
              <Eye aria-hidden className="size-3.5" />
              {joinNames(viewing)} {viewing.length === 1 ? "is" : "are"} also viewing
            </span>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

/** A new agent reply in the thread ends that agent's "typing…" (the first one seen is old news). */
function useForgetAnsweredAgent(
  conversationId: string,
  reply: { id: string; agentName: string } | null,
) {
  const answered = useAgentAnswered();
  const seen = useRef({ conversationId, replyId: reply?.id ?? null });
  const replyId = reply?.id ?? null;
  const agentName = reply?.agentName ?? null;
  useEffect(() => {
    const before = seen.current;
    seen.current = { conversationId, replyId };
    if (before.conversationId !== conversationId || before.replyId === replyId) return;
    if (agentName) answered(conversationId, agentName);
  }, [answered, conversationId, replyId, agentName]);
}
