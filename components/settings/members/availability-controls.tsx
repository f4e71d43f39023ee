"use client";

import { useId, useOptimistic, useRef, useState } from "react";
import { setAvailabilityAction } from "@/app/(app)/[workspace]/settings/members/actions";
import { useRunAction } from "@/components/forms/use-run-action";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { overCapacityNote, parseCapacity } from "@/lib/members/capacity";
import { cn } from "@/lib/utils";

export interface MemberAvailability {
  id: string;
  name: string;
  acceptsChats: boolean;
  capacity: number | null;
  openConversations: number;
}

const routedTo = (count: number, name: string) =>
  count > 0 ? ` ${count} waiting conversation${count === 1 ? "" : "s"} routed to ${name}.` : "";

/** The load as the members page shows it: "3 open", or "3/5 open" with a capacity. */
export function loadText({ openConversations, capacity }: MemberAvailability): string {
  return capacity === null ? `${openConversations} open` : `${openConversations}/${capacity} open`;
}

/** Capacity (empty = no limit) and "accepts chats" for one member, for an Admin. */
export function AvailabilityControls({
  workspace,
  member,
}: {
  workspace: string;
  member: MemberAvailability;
}) {
  const id = useId();
  const capacityId = `${id}-capacity`;
  const acceptsId = `${id}-accepts`;
  const { run, pending } = useRunAction();
  // What the server holds, as text. Kept here (not only read from props) so a blur right
  // after a save does not see the old value and send it again; the parent keys this
  // component by the capacity, so a change from elsewhere starts it afresh.
  const [saved, setSaved] = useState(member.capacity === null ? "" : String(member.capacity));
  const [draft, setDraft] = useState(saved);
  /** The text being saved now: Enter saves, and the blur that may follow must not save twice. */
  const saving = useRef<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [acceptsChats, setAcceptsChats] = useOptimistic(member.acceptsChats);

  const parsed = parseCapacity(draft);
  const lowering =
    parsed.ok && parsed.value !== null && parsed.value <= member.openConversations
      ? overCapacityNote({
          name: member.name,
          open: member.openConversations,
          capacity: parsed.value,
        })
      : null;

  function saveCapacity() {
    if (saving.current !== null) return;
    if (draft.trim() === saved) {
      setDraft(saved);
      setError(null);
      return;
    }
    if (!parsed.ok) {
      // Nothing is sent: the saved capacity stays as it was.
      setError(parsed.message);
      return;
    }
    setError(null);
    const value = parsed.value;
    const text = value === null ? "" : String(value);
    saving.current = text;
    void run(() => setAvailabilityAction({ workspace, memberId: member.id, capacity: value }), {
      success: (data) => {
        const label = value === null ? "no limit" : String(value);
        const note =
          value !== null && data.openConversations >= value
            ? ` ${overCapacityNote({ name: member.name, open: data.openConversations, capacity: value })}`
            : routedTo(data.routed, member.name);
        return `Capacity of ${member.name}: ${label}.${note}`;
      },
      onDone: (ok) => {
        saving.current = null;
        if (ok) setSaved(text);
        setDraft(ok ? text : saved);
      },
    });
  }

  function toggleAccepts(next: boolean) {
    void run(
      () => {
        setAcceptsChats(next);
        return setAvailabilityAction({ workspace, memberId: member.id, acceptsChats: next });
      },
      {
        success: (data) =>
          next
            ? `${member.name} accepts chats.${routedTo(data.routed, member.name)}`
            : `${member.name} no longer accepts chats; their open conversations stay with them.`,
      },
    );
  }

  const hintId = `${capacityId}-hint`;
  const errorId = `${capacityId}-error`;
  return (
    <div className="flex flex-wrap items-start gap-x-5 gap-y-2">
      <div className="grid gap-1">
        <div className="flex items-center gap-2">
          <label htmlFor={capacityId} className="text-muted-foreground text-xs">
            Capacity
          </label>
          <Input
            id={capacityId}
            aria-label={`Capacity of ${member.name}`}
            inputMode="numeric"
            autoComplete="off"
            placeholder="No limit"
            value={draft}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : lowering ? hintId : undefined}
            onChange={(event) => {
              setDraft(event.target.value);
              setError(null);
            }}
            onBlur={saveCapacity}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                saveCapacity();
              } else if (event.key === "Escape") {
                setDraft(saved);
                setError(null);
              }
            }}
            className="h-8 w-24 md:text-sm"
          />
        </div>
        {error ? (
          <p id={errorId} role="alert" className="max-w-xs font-medium text-destructive text-xs">
            {error}
          </p>
        ) : lowering && draft.trim() !== saved ? (
          <p id={hintId} className="max-w-xs text-warning text-xs">
            {lowering}
          </p>
        ) : null}
      </div>
      <div className="flex h-8 items-center gap-2">
        <Switch
          id={acceptsId}
          aria-label={`${member.name} accepts chats`}
          checked={acceptsChats}
          disabled={pending}
          onCheckedChange={toggleAccepts}
        />
        <label
          htmlFor={acceptsId}
          className={cn("text-xs", !acceptsChats && "text-muted-foreground")}
        >
          Accepts chats
        </label>
      </div>
    </div>
  );
}
