"use client";

import { ChevronDown, Search, X } from "lucide-react";
import { useEffect, useState } from "react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Kbd } from "@/components/ui/kbd";
import { cn } from "@/lib/utils";
import { channelLabels } from "./channel";
import type { InboxFilters, InboxMe, InboxQuery, MemberOption, TeamOption } from "./types";

export const SEARCH_ID = "inbox-search";
const SEARCH_DELAY_MS = 250;

/** Search by contact name, email, phone or message text; the URL follows after a pause. */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  // The URL changed from elsewhere (a cleared filter, Back): show it, unless it is what we typed.
  if (value !== seen) {
    setSeen(value);
    if (value !== text.trim()) setText(value);
  }

  useEffect(() => {
    const q = text.trim();
    if (q === value) return;
    const timer = window.setTimeout(() => onSearch(q), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text, value, onSearch]);

  return (
    <div className="relative">
      <Search
        aria-hidden="true"
        className="-translate-y-1/2 pointer-events-none absolute top-1/2 left-2.5 size-4 text-muted-foreground"
      />
      <input
        id={SEARCH_ID}
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== "Escape" || !text) return;
          // First Escape clears the search; the next one leaves the box.
          event.preventDefault();
          setText("");
          onSearch("");
        }}
        aria-label="Search conversations"
        placeholder="Search people and messages"
        autoComplete="off"
        className="h-9 w-full rounded-md border border-input bg-background pr-9 pl-8 text-base shadow-xs placeholder:text-muted-foreground focus-visible:border-ring focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/25 md:text-sm dark:bg-input/20 [&::-webkit-search-cancel-button]:hidden"
      />
      {text ? (
        <button
          type="button"
          onClick={() => {
            setText("");
            onSearch("");
          }}
          className="-translate-y-1/2 absolute top-1/2 right-1.5 inline-flex size-6 items-center justify-center rounded text-muted-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          <X aria-hidden="true" className="size-3.5" />
          <span className="sr-only">Clear search</span>
        </button>
      ) : (
        <Kbd className="-translate-y-1/2 absolute top-1/2 right-2 hidden sm:inline-flex">/</Kbd>
      )}
    </div>
  );
}

const ANY = "__any";

interface Option {
  value: string;
  label: string;
}

/** Filters that combine with any view: assignee, team, AI agent, status, channel, unread. */
export function FilterBar({
  query,
  me,
  members,
  teams,
  onChange,
}: {
  query: InboxQuery;
  me: InboxMe;
  members: MemberOption[];
  teams: TeamOption[];
  onChange: (filters: InboxFilters) => void;
}) {
  const filters: InboxFilters = {
    assignee: query.assignee,
    team: query.team,
    agent: query.agent,
    status: query.status,
    channel: query.channel,
    unread: query.unread,
  };
  const set = (patch: Partial<InboxFilters>) => onChange({ ...filters, ...patch });
  const active = Object.values(filters).some(Boolean);

  return (
    // Phones swipe through one row; wider panes wrap, so no filter is out of a mouse's reach.
    <div className="-mx-3 flex items-center gap-1.5 overflow-x-auto px-3 pb-0.5 [scrollbar-width:none] md:flex-wrap md:overflow-visible">
      <FilterMenu
        label="Assignee"
        value={query.assignee}
        options={[
          { value: "none", label: "Unassigned" },
          { value: me.memberId, label: "Me" },
          ...members
            .filter((member) => member.id !== me.memberId)
            .map((member) => ({ value: member.id, label: member.name })),
        ]}
        anyLabel="Anyone"
        onSelect={(assignee) => set({ assignee })}
      />
      <FilterMenu
        label="Team"
        value={query.team}
        options={[
          { value: "none", label: "No team" },
          ...teams.map((team) => ({ value: team.id, label: team.name })),
        ]}
        anyLabel="Any team"
        onSelect={(team) => set({ team })}
      />
      <FilterMenu
        label="AI agent"
        value={query.agent}
        options={[
          { value: "any", label: "With an AI agent" },
          { value: "none", label: "Without an AI agent" },
        ]}
        anyLabel="Either"
        onSelect={(agent) =>
          set({ agent: agent === "any" || agent === "none" ? agent : undefined })
        }
      />
      {query.view === "closed" ? null : (
        <FilterMenu
          label="Status"
          value={query.status}
          options={[{ value: "closed", label: "Closed" }]}
          anyLabel="Open"
          onSelect={(status) => set({ status: status === "closed" ? "closed" : undefined })}
        />
      )}
      <FilterMenu
        label="Channel"
        value={query.channel}
        options={Object.entries(channelLabels).map(([value, label]) => ({ value, label }))}
        anyLabel="All channels"
        onSelect={(channel) =>
          set({
            channel:
              channel === "web_chat" || channel === "whatsapp" || channel === "api"
                ? channel
                : undefined,
          })
        }
      />
      <button
        type="button"
        aria-pressed={Boolean(query.unread)}
        onClick={() => set({ unread: query.unread ? undefined : true })}
        className={chipClass(Boolean(query.unread))}
      >
        Unread
      </button>
      {active ? (
        <button
          type="button"
          onClick={() => onChange({})}
          className="h-7 shrink-0 rounded-md px-2 font-medium text-link text-xs hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

const chipClass = (active: boolean) =>
  cn(
    "inline-flex h-7 shrink-0 items-center gap-1 whitespace-nowrap rounded-md border px-2 font-medium text-xs transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
    active
      ? "border-primary/30 bg-primary/10 text-link"
      : "border-border border-dashed text-muted-foreground hover:bg-accent hover:text-accent-foreground",
  );

function FilterMenu({
  label,
  value,
  options,
  anyLabel,
  onSelect,
}: {
  label: string;
  value: string | undefined;
  options: Option[];
  anyLabel: string;
  onSelect: (value: string | undefined) => void;
}) {
  const selected = options.find((option) => option.value === value);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger className={chipClass(selected !== undefined)}>
        {label}
        {selected ? (
          <span className="max-w-28 truncate font-normal">: {selected.label}</span>
        ) : null}
        <ChevronDown aria-hidden="true" className="size-3 opacity-70" />
      </DropdownMenuTrigger>
      <DropdownMenuContent className="max-h-80 min-w-52">
        <DropdownMenuLabel>{label}</DropdownMenuLabel>
        <DropdownMenuRadioGroup
          value={selected ? selected.value : ANY}
          onValueChange={(next) => onSelect(next === ANY ? undefined : next)}
        >
          <DropdownMenuRadioItem value={ANY}>{anyLabel}</DropdownMenuRadioItem>
          <DropdownMenuSeparator />
          {options.map((option) => (
            <DropdownMenuRadioItem key={option.value} value={option.value}>
              <span className="truncate">{option.label}</span>
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
