"use client";

import { CircleAlert, SendHorizontal } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { cn } from "@/lib/utils";

/** How close to the limit the character counter appears. */
const COUNTER_FROM = 500;

/** Enter sends, Shift+Enter breaks the line; the draft stays when sending fails. */
export function Composer({
  disabled,
  sending,
  error,
  notice,
  messageMax,
  onSend,
}: {
  disabled: boolean;
  sending: boolean;
  error: string | null;
  notice: string | null;
  messageMax: number;
  onSend: (body: string) => Promise<boolean>;
}) {
  const [draft, setDraft] = useState("");
  const length = draft.trim().length;
  const over = length > messageMax;
  const showCounter = length >= messageMax - COUNTER_FROM;

  async function submit() {
    if (disabled || sending) return;
    const sent = draft;
    // What was typed while the message was on its way stays in the box.
    if (await onSend(sent)) setDraft((current) => (current === sent ? "" : current));
  }

  return (
    <form
      className="border-t border-border bg-background px-3 pt-2 pb-3"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {error ? (
        <p
          role="alert"
          className="mb-2 flex items-start gap-1.5 text-sm text-destructive"
          data-testid="widget-error"
        >
          <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span>{error}</span>
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="mb-2 text-xs text-muted-foreground">
          {notice}
        </p>
      ) : null}
      <div className="flex items-end gap-2">
        <label htmlFor="widget-message" className="sr-only">
          Message
        </label>
        <Textarea
          id="widget-message"
          rows={1}
          value={draft}
          placeholder="Write a message…"
          disabled={disabled}
          aria-invalid={over || undefined}
          aria-describedby={showCounter ? "widget-counter" : undefined}
          className="max-h-32 min-h-10 resize-none"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
            event.preventDefault();
            void submit();
          }}
        />
        <Button
          type="submit"
          size="icon"
          className="size-10"
          loading={sending}
          disabled={disabled}
          aria-label="Send"
        >
          {sending ? null : <SendHorizontal aria-hidden />}
        </Button>
      </div>
      {showCounter ? (
        <p
          id="widget-counter"
          className={cn(
            "mt-1 text-right text-xs tabular-nums",
            over ? "font-medium text-destructive" : "text-muted-foreground",
          )}
        >
          {length.toLocaleString("en")} / {messageMax.toLocaleString("en")}
          {over ? " — too long to send" : null}
        </p>
      ) : null}
    </form>
  );
}
