"use client";

import { Check, Search, UserMinus } from "lucide-react";
import { Popover } from "radix-ui";
import { type KeyboardEvent, type ReactNode, useId, useMemo, useState } from "react";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";
import { Tip } from "./tip";

export interface PickerOption {
  id: string;
  /** What typing matches, and the option's accessible name starts with it. */
  label: string;
  /** Read after the label by screen readers: role, status, load. */
  description?: string;
  content: ReactNode;
  current?: boolean;
  /** Why it cannot be chosen, shown and announced; null or absent when it can. */
  unavailable?: string | null;
}

/** The id `PickerList` picks for its "Unassign" row. */
export const UNASSIGN = "__unassign";

/**
 * A searchable list in a popover (the combobox pattern): type to filter, arrows move, Enter
 * chooses, Escape closes. "Unassign" leads the list when there is someone or something to take
 * off. The trigger is any button; the list loads when the popover opens.
 */
export function OwnerPicker({
  title,
  searchLabel,
  placeholder,
  trigger,
  tip,
  open,
  onOpenChange,
  options,
  loading,
  error,
  unassignLabel,
  onChoose,
  onUnassign,
  emptyText,
  noMatch,
  footer,
  align = "end",
}: {
  title: string;
  searchLabel: string;
  placeholder: string;
  trigger: ReactNode;
  /** A hover and focus hint for an icon-only trigger. */
  tip?: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  options: PickerOption[];
  loading: boolean;
  error: string | null;
  /** "Unassign Sam": offered when there is an owner to remove. */
  unassignLabel: string | null;
  onChoose: (id: string) => void;
  onUnassign: () => void;
  emptyText: string;
  /** "Nobody", "No team": the start of "… matches “x”". */
  noMatch: string;
  footer?: ReactNode;
  align?: "start" | "end";
}) {
  return (
    <Popover.Root open={open} onOpenChange={onOpenChange}>
      {tip ? (
        <Tip label={tip}>
          <Popover.Trigger asChild>{trigger}</Popover.Trigger>
        </Tip>
      ) : (
        <Popover.Trigger asChild>{trigger}</Popover.Trigger>
      )}
      <Popover.Portal>
        <Popover.Content
          align={align}
          sideOffset={6}
          collisionPadding={8}
          aria-label={title}
          className="z-50 flex max-h-[min(26rem,var(--radix-popover-content-available-height))] w-80 max-w-[calc(100vw-1rem)] flex-col overflow-hidden rounded-lg border bg-popover text-popover-foreground shadow-lg outline-none data-[state=closed]:animate-pop-out data-[state=open]:animate-pop-in"
        >
          <PickerList
            searchLabel={searchLabel}
            placeholder={placeholder}
            options={options}
            loading={loading}
            error={error}
            unassignLabel={unassignLabel}
            emptyText={emptyText}
            noMatch={noMatch}
            onPick={(id) => {
              onOpenChange(false);
              if (id === UNASSIGN) onUnassign();
              else onChoose(id);
            }}
          />
          {footer ? (
            <div className="border-border border-t px-3 py-2 text-muted-foreground text-xs">
              {footer}
            </div>
          ) : null}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/** The searchable list alone, for pickers that add a step of their own (the agent picker). */
export function PickerList({
  searchLabel,
  placeholder,
  options,
  loading,
  error,
  unassignLabel,
  emptyText,
  noMatch,
  onPick,
}: {
  searchLabel: string;
  placeholder: string;
  options: PickerOption[];
  loading: boolean;
  error: string | null;
  unassignLabel: string | null;
  emptyText: string;
  noMatch: string;
  onPick: (id: string) => void;
}) {
  const listId = useId();
  const [text, setText] = useState("");
  const [active, setActive] = useState(0);
  const q = text.trim().toLowerCase();

  const rows = useMemo(() => {
    const matching = options.filter((option) => option.label.toLowerCase().includes(q));
    const unassign: PickerOption[] =
      unassignLabel && !q
        ? [{ id: UNASSIGN, label: unassignLabel, content: <UnassignRow label={unassignLabel} /> }]
        : [];
    return [...unassign, ...matching];
  }, [options, q, unassignLabel]);

  const activeIndex = Math.min(active, rows.length - 1);
  const activeRow = rows[activeIndex];
  const optionId = (index: number) => `${listId}-${index}`;

  function move(to: number) {
    if (rows.length === 0) return;
    const next = (to + rows.length) % rows.length;
    setActive(next);
    document.getElementById(optionId(next))?.scrollIntoView({ block: "nearest" });
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case "ArrowDown":
        move(activeIndex + 1);
        break;
      case "ArrowUp":
        move(activeIndex - 1);
        break;
      case "Home":
        move(0);
        break;
      case "End":
        move(rows.length - 1);
        break;
      case "Enter":
        if (activeRow && !activeRow.unavailable) onPick(activeRow.id);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  return (
    <>
      <div className="relative shrink-0 border-border border-b">
        <Search
          aria-hidden="true"
          className="-translate-y-1/2 pointer-events-none absolute top-1/2 left-3 size-4 text-muted-foreground"
        />
        <input
          type="text"
          role="combobox"
          aria-label={searchLabel}
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeRow ? optionId(activeIndex) : undefined}
          // The popover opens to search; focusing the box is the point of opening it.
          // biome-ignore lint/a11y/noAutofocus: focus moves into the picker the user opened
          autoFocus
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
          className="h-10 w-full bg-transparent pr-3 pl-9 text-base outline-none placeholder:text-muted-foreground md:text-sm"
        />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain p-1">
        {loading ? (
          <p className="flex items-center gap-2 px-2 py-3 text-muted-foreground text-sm">
            <Spinner size="sm" label={false} />
            <span role="status">Loading…</span>
          </p>
        ) : error ? (
          <p role="alert" className="px-2 py-3 text-destructive text-sm">
            {error}
          </p>
        ) : null}
        <div
          id={listId}
          role="listbox"
          aria-label={searchLabel}
          className={cn(loading && "hidden")}
        >
          {rows.map((row, index) => (
            // The search box keeps focus and drives the options (aria-activedescendant), so
            // the keyboard reaches them through it; a pointer clicks them directly.
            // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the combobox input
            <div
              key={row.id}
              tabIndex={-1}
              id={optionId(index)}
              role="option"
              aria-selected={index === activeIndex}
              aria-disabled={row.unavailable ? true : undefined}
              aria-label={[
                row.label,
                row.current ? "current" : null,
                row.description,
                row.unavailable,
              ]
                .filter(Boolean)
                .join(", ")}
              onPointerMove={() => index !== activeIndex && setActive(index)}
              // Keep focus in the search box: a click must not blur it before choosing.
              onPointerDown={(event) => event.preventDefault()}
              onClick={() => {
                if (!row.unavailable) onPick(row.id);
              }}
              className={cn(
                "flex min-h-11 cursor-default select-none items-center gap-2.5 rounded-md px-2 py-1.5 text-sm",
                index === activeIndex && "bg-accent text-accent-foreground",
                row.unavailable && "opacity-55",
                row.id === UNASSIGN && "mb-1",
              )}
            >
              <span className="min-w-0 flex-1">{row.content}</span>
              {row.current ? (
                <Check aria-hidden="true" className="size-4 shrink-0 text-primary" />
              ) : null}
            </div>
          ))}
        </div>
        {!loading && !error && rows.length === 0 ? (
          <p className="px-2 py-3 text-muted-foreground text-sm">
            {q ? `${noMatch} matches “${text.trim()}”.` : emptyText}
          </p>
        ) : null}
      </div>
    </>
  );
}

function UnassignRow({ label }: { label: string }) {
  return (
    <span className="flex items-center gap-2.5">
      <span className="flex size-6 shrink-0 items-center justify-center rounded-full border border-border border-dashed text-muted-foreground">
        <UserMinus aria-hidden="true" className="size-3.5" />
      </span>
      <span className="truncate font-medium">{label}</span>
    </span>
  );
}
