"use client";

import { Bot, Lock, Sparkles } from "lucide-react";
import { useLayoutEffect, useRef } from "react";
import { AgentAvatar } from "@/components/ui/agent-avatar";
import { Avatar } from "@/components/ui/avatar";
import { cn } from "@/lib/utils";
import type { ThreadEntry } from "./thread-items";
import type { DetailMessage } from "./types";

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" });

function Time({ at }: { at: string }) {
  const date = new Date(at);
  return (
    <time dateTime={at} title={fullFormat.format(date)}>
      {timeFormat.format(date)}
    </time>
  );
}

/** Near the bottom (or on first render): new messages scroll into view. */
const STICK_PX = 160;

export function MessageThread({
  entries,
  contactName,
}: {
  entries: ThreadEntry[];
  contactName: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  const lastEntry = entries.at(-1);
  const last = lastEntry?.key;
  const ownMessage = lastEntry?.type === "message" && lastEntry.pending;

  // Runs before paint so the thread opens at its latest message without a visible jump. Someone
  // reading further up stays put, unless the new message is their own.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || !last || !(stuck.current || ownMessage)) return;
    element.scrollTop = element.scrollHeight;
  }, [last, ownMessage]);

  return (
    <div
      ref={scroller}
      role="log"
      aria-label="Messages"
      onScroll={(event) => {
        const element = event.currentTarget;
        stuck.current = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_PX;
      }}
      className="min-h-0 flex-1 overflow-y-auto overscroll-contain px-3 py-4 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset sm:px-6"
    >
      <ol className="mx-auto flex max-w-3xl flex-col gap-3">
        {entries.map((entry) => (
          <li key={entry.key} className="flex flex-col">
            {entry.type === "day" ? (
              <DayHeading label={entry.label} />
            ) : entry.type === "event" ? (
              <SystemLine text={entry.text} at={entry.at} />
            ) : (
              <Message message={entry.message} pending={entry.pending} contactName={contactName} />
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

function DayHeading({ label }: { label: string }) {
  return (
    <div className="flex items-center gap-3 py-1 text-muted-foreground text-xs">
      <span aria-hidden="true" className="h-px flex-1 bg-border" />
      <span className="font-medium">{label}</span>
      <span aria-hidden="true" className="h-px flex-1 bg-border" />
    </div>
  );
}

function SystemLine({ text, at }: { text: string; at: string }) {
  return (
    <p className="mx-auto max-w-md text-balance text-center text-muted-foreground text-xs">
      {text} <span aria-hidden="true">·</span> <Time at={at} />
    </p>
  );
}

function Message({
  message,
  pending,
  contactName,
}: {
  message: DetailMessage;
  pending: boolean;
  contactName: string;
}) {
  if (message.kind === "system") return <SystemLine text={message.body} at={message.createdAt} />;
  const inbound = message.kind === "inbound";
  const note = message.kind === "note";
  const agent = message.author?.kind === "agent" ? message.author : null;
  const author = inbound ? contactName : (message.author?.name ?? "AI agent");

  return (
    <div
      className={cn(
        "flex max-w-[85%] flex-col gap-1 sm:max-w-[75%]",
        inbound ? "items-start self-start" : "items-end self-end",
        pending && "opacity-70",
      )}
    >
      {note ? (
        <div className="w-full rounded-lg border border-amber-300/70 bg-amber-50 px-3.5 py-2.5 text-amber-950 shadow-xs dark:border-amber-400/25 dark:bg-amber-400/10 dark:text-amber-50">
          <p className="mb-1 flex items-center gap-1.5 font-semibold text-[11px] text-amber-800 uppercase tracking-wide dark:text-amber-300">
            <Lock aria-hidden="true" className="size-3" />
            Internal note
          </p>
          <p className="whitespace-pre-wrap break-words text-sm leading-relaxed">{message.body}</p>
        </div>
      ) : (
        <p
          className={cn(
            "whitespace-pre-wrap break-words rounded-2xl px-3.5 py-2 text-sm leading-relaxed",
            inbound
              ? "rounded-bl-md bg-muted text-foreground"
              : agent
                ? "rounded-br-md border border-violet-200 bg-violet-50 text-violet-950 dark:border-violet-400/25 dark:bg-violet-500/15 dark:text-violet-50"
                : "rounded-br-md bg-primary text-primary-foreground",
          )}
        >
          {message.body}
        </p>
      )}
      <p className="flex items-center gap-1.5 px-1 text-muted-foreground text-xs">
        {inbound ? null : agent ? (
          <AgentAvatar avatar={agent.avatar} size="xs" />
        ) : message.author?.kind === "member" ? (
          <Avatar name={author} image={message.author.image} size="xs" decorative />
        ) : (
          <span className="flex size-5 items-center justify-center rounded-full bg-violet-100 text-violet-800 dark:bg-violet-500/20 dark:text-violet-200">
            <Bot aria-hidden="true" className="size-3" />
          </span>
        )}
        <span className="font-medium text-foreground/80">{author}</span>
        {agent ? (
          <span className="inline-flex items-center gap-1 rounded-full bg-violet-100 px-1.5 py-px font-medium text-[11px] text-violet-800 leading-4 dark:bg-violet-500/20 dark:text-violet-200">
            <Sparkles aria-hidden="true" className="size-3" />
            AI agent
          </span>
        ) : null}
        <span aria-hidden="true">·</span>
        {pending ? <span>Sending…</span> : <Time at={message.createdAt} />}
      </p>
    </div>
  );
}
