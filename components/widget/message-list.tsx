"use client";

import { useEffect, useRef } from "react";
import { Spinner } from "@/components/ui/spinner";
import type { WidgetMessage } from "@/lib/channels/widget/types";
import { cn } from "@/lib/utils";

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });

/** The thread: the customer's messages on the right, the team's replies on the left with who wrote them. */
export function MessageList({
  messages,
  loading,
  typing,
}: {
  messages: WidgetMessage[];
  loading: boolean;
  /** Who on the team is typing a reply right now. */
  typing: string | null;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const newest = messages.at(-1)?.id;

  // Keep the newest message in view as replies arrive.
  useEffect(() => {
    const element = scroller.current;
    if (element && newest) element.scrollTop = element.scrollHeight;
  }, [newest]);

  return (
    <div
      ref={scroller}
      role="log"
      aria-label="Conversation"
      className="min-h-0 flex-1 overflow-y-auto overscroll-contain px-4 py-4"
    >
      {loading ? (
        <div className="flex h-full items-center justify-center text-muted-foreground">
          <Spinner />
        </div>
      ) : messages.length === 0 ? (
        <p className="px-4 py-8 text-center text-sm text-muted-foreground">
          Send us a message and we will reply right here.
        </p>
      ) : (
        <ol className="space-y-3">
          {messages.map((message) => {
            const mine = message.from === "customer";
            const time = new Date(message.createdAt);
            return (
              <li
                key={message.id}
                className={cn("flex flex-col", mine ? "items-end" : "items-start")}
              >
                <div
                  className={cn(
                    "max-w-[85%] whitespace-pre-wrap break-words rounded-2xl px-3 py-2 text-sm",
                    mine
                      ? "rounded-br-sm bg-primary text-primary-foreground"
                      : "rounded-bl-sm bg-muted text-foreground",
                  )}
                >
                  <span className="sr-only">{mine ? "You: " : `${message.authorName}: `}</span>
                  {message.body}
                </div>
                <p className="mt-1 px-1 text-xs text-muted-foreground">
                  {mine ? null : (
                    <>
                      <span aria-hidden>{message.authorName}</span>
                      <span aria-hidden> · </span>
                    </>
                  )}
                  <time dateTime={message.createdAt}>{timeFormat.format(time)}</time>
                </p>
              </li>
            );
          })}
        </ol>
      )}
      <p aria-live="polite" className="min-h-5 px-1 pt-2 text-xs text-muted-foreground">
        {typing ? `${typing} is typing…` : null}
      </p>
    </div>
  );
}
