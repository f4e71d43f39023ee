"use client";

import { MessagesSquare } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useOptimistic, useState, useTransition } from "react";
import { Kbd } from "@/components/ui/kbd";
import { cn } from "@/lib/utils";
import { ConversationPane } from "./conversation-pane";
import { SEARCH_ID } from "./list-filters";
import { ListPane } from "./list-pane";
import { ShortcutsDialog } from "./shortcuts-dialog";
import type { NameLookup } from "./thread-items";
import { TipProvider } from "./tip";
import type { InboxProps } from "./types";
import { firstOpening, requestRowFocus } from "./ui-state";
import { useInboxQuery } from "./use-inbox-query";
import { isTypingTarget, useShortcuts } from "./use-shortcuts";
import { ViewsNav } from "./views-nav";

/**
 * The three-pane inbox: views, the list, the open conversation (with its details drawer).
 * Below `md` the panes stack: the list is one screen, the conversation another.
 */
export function Inbox({ slug, me, canReply, selectedId, defaultView, members, teams }: InboxProps) {
  const router = useRouter();
  const { query, setQuery, listHref, hrefFor } = useInboxQuery(slug, defaultView);
  const [, startTransition] = useTransition();
  // Shows the conversation at once while the server checks access and renders its page.
  const [openId, setOpenId] = useOptimistic(selectedId);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);

  useEffect(() => {
    // Back on the list: opening the same conversation again marks it read again.
    if (openId === null) firstOpening(null);
  }, [openId]);

  function navigate(id: string | null) {
    if (id === openId) return;
    startTransition(() => {
      setOpenId(id);
      router.push(id ? hrefFor(id) : listHref, { scroll: false });
    });
  }

  const names = useMemo<NameLookup>(() => {
    const memberNames = new Map(members.map((member) => [member.id, member.name]));
    const teamNames = new Map(teams.map((team) => [team.id, team.name]));
    return { member: (id) => memberNames.get(id), team: (id) => teamNames.get(id) };
  }, [members, teams]);

  useShortcuts({
    "/": (event) => {
      const search = document.getElementById(SEARCH_ID);
      if (!search || search.offsetParent === null) return;
      event.preventDefault();
      search.focus();
    },
    "?": (event) => {
      event.preventDefault();
      setShortcutsOpen(true);
    },
    escape: (event) => {
      if (isTypingTarget(event.target) && event.target instanceof HTMLElement) {
        event.target.blur();
      }
    },
  });

  return (
    <TipProvider delayDuration={400}>
      <div className="flex h-[calc(100dvh-3.5rem)] min-h-0 overflow-hidden bg-background lg:h-dvh">
        <aside
          aria-label="Views"
          className="hidden w-52 shrink-0 flex-col gap-3 overflow-y-auto border-border border-r bg-muted/20 px-2 py-3 xl:flex"
        >
          <p className="px-2.5 font-semibold text-muted-foreground text-xs uppercase tracking-wide">
            Inbox
          </p>
          <ViewsNav
            slug={slug}
            query={query}
            layout="column"
            onChange={(view, teamId) => setQuery({ ...query, view, teamId }, "push")}
          />
        </aside>
        <ListPane
          slug={slug}
          query={query}
          setQuery={setQuery}
          me={me}
          canReply={canReply}
          members={members}
          teams={teams}
          openId={openId}
          hrefFor={hrefFor}
          onOpen={navigate}
          onShowShortcuts={() => setShortcutsOpen(true)}
          className={openId ? "hidden md:flex" : "flex"}
        />
        {openId ? (
          <ConversationPane
            key={openId}
            slug={slug}
            id={openId}
            me={me}
            canReply={canReply}
            listHref={listHref}
            names={names}
            onBack={() => {
              // Back on the list (phones), focus returns to this conversation's row.
              requestRowFocus(openId);
              navigate(null);
            }}
            className="flex"
          />
        ) : (
          <NothingOpen className="hidden md:flex" />
        )}
      </div>
      <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} canReply={canReply} />
    </TipProvider>
  );
}

function NothingOpen({ className }: { className?: string }) {
  return (
    <section
      aria-label="Conversation"
      className={cn(
        "min-w-0 flex-1 flex-col items-center justify-center gap-3 p-8 text-center",
        className,
      )}
    >
      <div className="flex size-11 items-center justify-center rounded-lg border bg-muted/50 text-muted-foreground shadow-xs">
        <MessagesSquare aria-hidden="true" className="size-5" />
      </div>
      <div className="space-y-1">
        <h2 className="font-semibold">No conversation open</h2>
        <p className="max-w-xs text-balance text-muted-foreground text-sm">
          Pick one from the list, or move with <Kbd>j</Kbd> and <Kbd>k</Kbd> and open it with{" "}
          <Kbd>Enter</Kbd>.
        </p>
      </div>
    </section>
  );
}
