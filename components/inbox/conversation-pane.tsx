"use client";

import { Eye, MessageSquareDashed, RefreshCw, SearchX } from "lucide-react";
import { useMemo, useState } from "react";
import { usePresenceChannel } from "@/components/realtime/live-provider";
import { usePresenceAnnouncer } from "@/components/realtime/use-presence-announcer";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/utils";
import { AgentBanner } from "./agent-banner";
import { ApiError } from "./api";
import { contactName } from "./channel";
import { Composer, REPLY_BOX_ID } from "./composer";
import { ConversationHeader } from "./conversation-header";
import { DetailsDrawer } from "./details-drawer";
import { MessageThread } from "./message-thread";
import { PresenceBar } from "./presence-bar";
import { buildThread, type NameLookup } from "./thread-items";
import type { DetailMessage, InboxMe } from "./types";
import { useMediaQuery, useWideDrawer } from "./ui-state";
import { ownershipControls, useAssignment } from "./use-assignment";
import {
  useConversationActions,
  useMarkReadOnOpen,
  usePendingMessages,
} from "./use-conversation-actions";
import { useConversationDetail } from "./use-inbox-data";
import { useNow } from "./use-now";
import { useShortcuts } from "./use-shortcuts";

export function ConversationPane({
  slug,
  id,
  me,
  canReply,
  listHref,
  names,
  onBack,
  className,
}: {
  slug: string;
  id: string;
  me: InboxMe;
  canReply: boolean;
  listHref: string;
  names: NameLookup;
  onBack: () => void;
  className?: string;
}) {
  const query = useConversationDetail(slug, id);
  const detail = query.data;
  const [typing, setTyping] = useState(false);
  usePresenceAnnouncer(slug, detail ? id : null, typing);
  usePresenceChannel(detail ? id : null);
  useMarkReadOnOpen(slug, id);
  const { send, setStatus, markUnread } = useConversationActions({ slug, id, listHref });
  const pending = usePendingMessages(slug, id);
  const assignment = useAssignment(slug, me.memberId);
  const wide = useMediaQuery("(min-width: 1536px)", true);
  const [wideOpen, setWideOpen] = useWideDrawer();
  const [sheetOpen, setSheetOpen] = useState(false);
  const detailsOpen = wide ? wideOpen : sheetOpen;
  const canAct = canReply && (detail?.viewer.canReply ?? false);
  const name = detail ? contactName(detail.contact) : "";

  useShortcuts({
    r: (event) => {
      const box = canAct ? document.getElementById(REPLY_BOX_ID) : null;
      if (!box) return;
      event.preventDefault();
      box.focus();
    },
    e: (event) => {
      if (!canAct || detail?.conversation.status !== "open" || setStatus.isPending) return;
      event.preventDefault();
      setStatus.mutate("closed");
    },
  });

  // Day headings ("Today") follow the clock past midnight.
  const now = useNow(60_000);
  const entries = useMemo(() => {
    if (!detail) return [];
    const unconfirmed = pending.map(
      (message): DetailMessage => ({
        id: `pending-${message.sentAt}`,
        kind: message.note ? "note" : "outbound",
        body: message.body,
        createdAt: message.sentAt,
        author: { kind: "member", id: me.memberId, name: me.name, image: me.image },
      }),
    );
    return buildThread({
      messages: detail.messages,
      pending: unconfirmed,
      events: detail.events,
      names,
      now,
    });
  }, [detail, pending, me, names, now]);

  const lastAgentReply = useMemo(() => {
    const reply = detail?.messages.findLast((message) => message.author?.kind === "agent");
    return reply?.author ? { id: reply.id, agentName: reply.author.name } : null;
  }, [detail]);

  const root = cn("min-w-0 flex-1 flex-col bg-background", className);
  const gone = query.error instanceof ApiError && query.error.status === 404;

  if (gone || (query.isError && !detail)) {
    return (
      <section aria-label="Conversation" className={cn(root, "items-center justify-center")}>
        <EmptyState
          icon={gone ? SearchX : MessageSquareDashed}
          title={gone ? "This conversation is not available" : "The conversation did not load"}
          description={
            gone
              ? "It may have been reassigned away from you, or the link is wrong."
              : query.error?.message
          }
          action={
            <>
              {gone ? null : (
                <Button variant="outline" onClick={() => query.refetch()}>
                  <RefreshCw aria-hidden="true" />
                  Retry
                </Button>
              )}
              <Button variant={gone ? "outline" : "ghost"} onClick={onBack}>
                Back to inbox
              </Button>
            </>
          }
        />
      </section>
    );
  }

  if (!detail) return <PaneSkeleton className={root} />;
  const ownership = ownershipControls({ slug, me: me.memberId, detail, mutation: assignment });

  return (
    <section aria-label={`Conversation with ${name}`} className={root}>
      <div className="flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          <ConversationHeader
            slug={slug}
            conversationId={id}
            name={name}
            channel={detail.conversation.channel}
            status={detail.conversation.status}
            canReply={canAct}
            ownership={ownership}
            statusPending={setStatus.isPending}
            onSetStatus={(status) => setStatus.mutate(status)}
            onMarkUnread={() => markUnread.mutate()}
            onBack={onBack}
            detailsOpen={detailsOpen}
            onToggleDetails={() => (wide ? setWideOpen(!wideOpen) : setSheetOpen(!sheetOpen))}
          />
          <MessageThread entries={entries} contactName={name} />
          <PresenceBar
            conversationId={id}
            agentHandling={detail.agentSession !== null}
            lastAgentReply={lastAgentReply}
          />
          {detail.agentSession ? (
            <AgentBanner
              session={detail.agentSession}
              canReply={canAct}
              canEnd={canAct && ownership.abilities.endAgent}
              ending={ownership.pending === "endAgent"}
              onEnd={() => ownership.endAgentSession("ended_by_member")}
            />
          ) : null}
          {canAct ? (
            <Composer
              key={id}
              conversationId={id}
              onTypingChange={setTyping}
              closed={detail.conversation.status === "closed"}
              onSend={(message) => send.mutate(message)}
            />
          ) : (
            <p className="flex shrink-0 items-center justify-center gap-2 border-border border-t px-4 py-3 text-muted-foreground text-sm">
              <Eye aria-hidden="true" className="size-4" />
              You have read-only access.
            </p>
          )}
        </div>
        <DetailsDrawer
          detail={detail}
          names={names}
          ownership={ownership}
          wide={wide}
          open={detailsOpen}
          onOpenChange={wide ? setWideOpen : setSheetOpen}
        />
      </div>
    </section>
  );
}

function PaneSkeleton({ className }: { className: string }) {
  return (
    <section aria-label="Conversation" aria-busy="true" className={className}>
      <div className="flex h-[57px] shrink-0 items-center gap-3 border-border border-b px-4">
        <Skeleton className="size-8 rounded-full" />
        <div className="grid gap-1.5">
          <Skeleton className="h-4 w-36" />
          <Skeleton className="h-3 w-24" />
        </div>
      </div>
      <div className="mx-auto flex w-full max-w-3xl flex-1 flex-col gap-4 px-6 py-6">
        <Skeleton className="h-10 w-2/3 rounded-2xl" />
        <Skeleton className="h-14 w-1/2 self-end rounded-2xl" />
        <Skeleton className="h-10 w-3/5 rounded-2xl" />
      </div>
      <span className="sr-only" role="status">
        Loading conversation
      </span>
    </section>
  );
}
