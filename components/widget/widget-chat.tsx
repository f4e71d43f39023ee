"use client";

import { MessageCircle, X } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { RealtimeClientConfig } from "@/lib/realtime/pusher-config";
import { Composer } from "./composer";
import { MessageList } from "./message-list";
import { useWidgetChat } from "./use-widget-chat";
import { VisitorDetails, type VisitorDetailsValue } from "./visitor-details";

/** Posted to the page that embeds the widget (public/widget.js) to close the chat. */
const CLOSE_MESSAGE = { type: "switchboard:close" } as const;

/** The web chat a customer sees, standalone at /widget/{publicId} or inside widget.js's iframe. */
export function WidgetChat({
  publicId,
  workspaceName,
  greeting,
  messageMax,
  nameMax,
  realtime,
}: {
  publicId: string;
  workspaceName: string;
  greeting: string;
  messageMax: number;
  nameMax: number;
  realtime: RealtimeClientConfig;
}) {
  const chat = useWidgetChat({ publicId, workspaceName, greeting, messageMax, realtime });
  const [embedded, setEmbedded] = useState(false);
  const [detailsSkipped, setDetailsSkipped] = useState(false);
  const [details, setDetails] = useState<VisitorDetailsValue>({ name: "", email: "" });

  useEffect(() => {
    const inFrame = window.parent !== window;
    setEmbedded(inFrame);
    if (!inFrame) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") window.parent.postMessage(CLOSE_MESSAGE, "*");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const askDetails = chat.phase === "ready" && chat.messages.length === 0 && !detailsSkipped;
  const detailErrors = { name: chat.fieldErrors.name, email: chat.fieldErrors.email };
  const detailsInvalid = askDetails && Boolean(detailErrors.name || detailErrors.email);

  return (
    <main className="flex h-dvh w-full flex-col overflow-hidden bg-background text-foreground sm:mx-auto sm:h-[calc(100dvh-3rem)] sm:max-w-lg sm:rounded-xl sm:border sm:border-border sm:shadow-lg">
      <header className="flex items-start gap-3 bg-primary px-4 py-3 text-primary-foreground">
        <span
          aria-hidden
          className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full bg-primary-foreground/15"
        >
          <MessageCircle className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <h1 className="truncate font-semibold leading-tight">{chat.opening.workspaceName}</h1>
          <p className="mt-0.5 text-sm leading-snug opacity-90">{chat.opening.greeting}</p>
        </div>
        {embedded ? (
          <Button
            variant="ghost"
            size="icon"
            aria-label="Close chat"
            className="-mr-2 text-primary-foreground hover:bg-primary-foreground/15 hover:text-primary-foreground"
            onClick={() => window.parent.postMessage(CLOSE_MESSAGE, "*")}
          >
            <X aria-hidden />
          </Button>
        ) : null}
      </header>
      <MessageList
        messages={chat.messages}
        loading={chat.phase === "starting"}
        typing={chat.typing}
      />
      {chat.phase === "failed" ? (
        <div className="flex justify-center px-4 pb-2">
          <Button variant="outline" size="sm" onClick={() => void chat.retry()}>
            Try again
          </Button>
        </div>
      ) : null}
      {askDetails ? (
        <VisitorDetails
          value={details}
          onChange={setDetails}
          onSkip={() => setDetailsSkipped(true)}
          errors={detailErrors}
          nameMax={nameMax}
        />
      ) : null}
      <Composer
        disabled={chat.phase !== "ready"}
        sending={chat.sending}
        // A name or email problem is shown at its field instead.
        error={detailsInvalid ? null : chat.error}
        notice={chat.offline ? "Connection lost. Trying again…" : null}
        messageMax={messageMax}
        onSend={(body) =>
          chat.send(askDetails ? { body, name: details.name, email: details.email } : { body })
        }
      />
    </main>
  );
}
