"use client";

import { Lock, MessageSquare, SendHorizontal } from "lucide-react";
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import { MESSAGE_MAX } from "@/lib/conversations/schemas";
import { cn } from "@/lib/utils";
import { drafts } from "./ui-state";
import type { SendVariables } from "./use-conversation-actions";

/** Typing stops counting this long after the last keystroke. */
const TYPING_IDLE_MS = 4_000;

/** The counter appears this close to the limit. */
const COUNTER_FROM = MESSAGE_MAX - 400;

export const REPLY_BOX_ID = "inbox-reply";

export function Composer({
  conversationId,
  closed,
  onSend,
  onTypingChange,
}: {
  conversationId: string;
  closed: boolean;
  /** A reply (not a note) is being written: others see "… is typing". */
  onTypingChange?: (typing: boolean) => void;
  /** Sends; a send that fails puts its text back in `drafts` (use-conversation-actions.ts). */
  onSend: (message: SendVariables) => void;
}) {
  // The draft keeps its mode: an unsent note comes back as a note, never as a reply.
  const [note, setNoteState] = useState(() => drafts.get(conversationId)?.note ?? false);
  const [body, setBody] = useState(() => drafts.get(conversationId)?.text ?? "");
  const length = body.trim().length;
  const over = length > MESSAGE_MAX;
  const label = note ? "Internal note" : "Reply";

  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(typingTimer.current), []);
  // A send of this conversation failed: its text is back in the draft.
  useEffect(
    () =>
      drafts.onRestore((id) => {
        const draft = drafts.get(id);
        if (id !== conversationId || !draft) return;
        setBody(draft.text);
        setNoteState(draft.note);
      }),
    [conversationId],
  );

  function setNote(next: boolean) {
    setNoteState(next);
    drafts.set(conversationId, { text: body, note: next });
    if (next) onTypingChange?.(false);
  }

  function signalTyping(next: string) {
    clearTimeout(typingTimer.current);
    const typing = !note && next.trim() !== "";
    onTypingChange?.(typing);
    if (typing) typingTimer.current = setTimeout(() => onTypingChange?.(false), TYPING_IDLE_MS);
  }

  function update(next: string) {
    signalTyping(next);
    setBody(next);
    drafts.set(conversationId, { text: next, note });
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const text = body.trim();
    if (!text || over) return;
    onSend({ body: text, note, sentAt: new Date().toISOString() });
    update("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter sends; Shift+Enter is a new line; Enter that ends an IME composition is neither.
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  }

  return (
    <form onSubmit={submit} className="shrink-0 border-border border-t bg-background p-2 sm:p-3">
      <div
        className={cn(
          "mx-auto max-w-3xl rounded-lg border shadow-xs transition-colors focus-within:ring-3",
          note
            ? "border-amber-300 bg-amber-50/80 focus-within:border-amber-500 focus-within:ring-amber-500/20 dark:border-amber-400/30 dark:bg-amber-400/10"
            : "border-input bg-background focus-within:border-ring focus-within:ring-ring/20 dark:bg-input/20",
        )}
      >
        <div className="flex items-center gap-1 px-2 pt-2">
          <ModeButton pressed={!note} onClick={() => setNote(false)} icon={MessageSquare}>
            Reply
          </ModeButton>
          <ModeButton pressed={note} onClick={() => setNote(true)} icon={Lock}>
            Note
          </ModeButton>
          <p className="ml-auto truncate pl-2 text-muted-foreground text-xs">
            {note
              ? "Only your team sees notes."
              : closed
                ? "Closed: a reply does not reopen it."
                : null}
          </p>
        </div>
        <label htmlFor={REPLY_BOX_ID} className="sr-only">
          {label}
        </label>
        <textarea
          id={REPLY_BOX_ID}
          value={body}
          onChange={(event) => update(event.target.value)}
          onKeyDown={onKeyDown}
          rows={2}
          placeholder={note ? "Write a note for your team…" : "Write a reply…"}
          aria-invalid={over || undefined}
          aria-describedby="inbox-reply-count"
          className="field-sizing-content block max-h-60 min-h-16 w-full resize-none bg-transparent px-3 py-2 text-base placeholder:text-muted-foreground focus:outline-none md:text-sm"
        />
        <div className="flex items-center gap-3 px-2 pb-2">
          <p className="hidden items-center gap-1 text-muted-foreground text-xs sm:flex">
            <Kbd>Enter</Kbd> to send, <Kbd>Shift</Kbd>+<Kbd>Enter</Kbd> for a new line
          </p>
          <p
            id="inbox-reply-count"
            aria-live="polite"
            className={cn(
              "ml-auto text-xs tabular-nums",
              over ? "font-medium text-destructive" : "text-muted-foreground",
            )}
          >
            {length >= COUNTER_FROM
              ? over
                ? `${(length - MESSAGE_MAX).toLocaleString("en")} characters over the limit`
                : `${(MESSAGE_MAX - length).toLocaleString("en")} characters left`
              : null}
          </p>
          <Button type="submit" size="sm" disabled={length === 0 || over}>
            <SendHorizontal aria-hidden="true" />
            {note ? "Add note" : "Send"}
          </Button>
        </div>
      </div>
    </form>
  );
}

function ModeButton({
  pressed,
  onClick,
  icon: Icon,
  children,
}: {
  pressed: boolean;
  onClick: () => void;
  icon: typeof Lock;
  children: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={cn(
        "inline-flex h-7 items-center gap-1.5 rounded-md px-2.5 font-medium text-xs transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
        pressed
          ? "bg-foreground/[0.07] text-foreground dark:bg-foreground/10"
          : "text-muted-foreground hover:bg-accent hover:text-accent-foreground",
      )}
    >
      <Icon aria-hidden="true" className="size-3.5" />
      {children}
    </button>
  );
}
