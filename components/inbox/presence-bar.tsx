"use client";

import { Eye, PenLine } from "lucide-react";
import { useConversationPresence } from "@/components/realtime/live-provider";

const names = (list: { name: string }[]) =>
  list.length === 1
    ? (list[0]?.name ?? "")
    : `${list
        .slice(0, -1)
        .map((m) => m.name)
        .join(", ")} and ${list.at(-1)?.name ?? ""}`;

/**
 * Collision detection above the composer: who else has this conversation open, and who is
 * typing a reply, so two people do not answer the same customer.
 */
export function PresenceBar({ conversationId }: { conversationId: string }) {
  const present = useConversationPresence(conversationId);
  const typing = present.filter((member) => member.typing);
  const viewing = present.filter((member) => !member.typing);
  return (
    <div aria-live="polite" className="shrink-0">
      {present.length > 0 ? (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 border-border border-t bg-amber-50 px-4 py-1.5 text-amber-950 text-xs dark:bg-amber-500/10 dark:text-amber-100">
          {typing.length > 0 ? (
            <span className="inline-flex items-center gap-1.5 font-medium">
              <PenLine aria-hidden className="size-3.5" />
              {names(typing)} {typing.length === 1 ? "is" : "are"} typing…
            </span>
          ) : null}
          {viewing.length > 0 ? (
            <span className="inline-flex items-center gap-1.5">
              <Eye aria-hidden className="size-3.5" />
              {names(viewing)} {viewing.length === 1 ? "is" : "are"} also viewing
            </span>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
