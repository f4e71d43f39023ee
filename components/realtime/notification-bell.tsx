"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell, CheckCheck } from "lucide-react";
import Link from "next/link";
import { Popover } from "radix-ui";
import { useState } from "react";
import { toast } from "sonner";
import { markNotificationsReadAction } from "@/app/(app)/[workspace]/notifications/actions";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { formatRelative } from "@/lib/format";
import type { NotificationItem } from "@/lib/notifications/list-notifications";
import { cn } from "@/lib/utils";
import { notificationKeys, usePollingFallback } from "./live-provider";

interface BellData {
  items: NotificationItem[];
  unread: number;
}

async function fetchNotifications(slug: string): Promise<BellData> {
  const response = await fetch(`/api/workspaces/${encodeURIComponent(slug)}/notifications`);
  if (!response.ok) throw new Error("Could not load notifications.");
  return response.json() as Promise<BellData>;
}

/** The bell: unread count, the latest notifications, each linking to its conversation. */
export function NotificationBell({ slug }: { slug: string }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const key = notificationKeys.all(slug);
  const { data, isPending, isError, refetch } = useQuery({
    queryKey: key,
    queryFn: () => fetchNotifications(slug),
    refetchInterval: usePollingFallback(30_000),
  });
  const unread = data?.unread ?? 0;

  const markRead = async (notificationId?: string) => {
    queryClient.setQueryData<BellData>(key, (current) =>
      current
        ? {
            unread: notificationId ? Math.max(0, current.unread - 1) : 0,
            items: current.items.map((item) =>
              !notificationId || item.id === notificationId ? { ...item, read: true } : item,
            ),
          }
        : current,
    );
    // "Mark all read" marks what the bell showed: one that arrived since stays unread.
    const upTo = notificationId ? undefined : data?.items[0]?.createdAt;
    const result = await markNotificationsReadAction({
      workspace: slug,
      notificationId,
      upTo,
    }).catch(() => null);
    if (!result) toast.error("We could not reach the server. Try again.");
    else if (!result.ok) toast.error(result.error.message);
    // Read again either way: a failure puts back what was shown as read above.
    void queryClient.invalidateQueries({ queryKey: key });
  };

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="relative"
          aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
        >
          <Bell aria-hidden className="size-4" />
          {unread > 0 ? (
            <span
              aria-hidden
              className="absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-primary px-1 font-semibold text-[10px] text-primary-foreground"
            >
              {unread > 99 ? "99+" : unread}
            </span>
          ) : null}
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="end"
          sideOffset={6}
          collisionPadding={8}
          className="z-50 w-[min(22rem,calc(100vw-1rem))] rounded-lg border border-border bg-popover text-popover-foreground shadow-lg outline-none data-[state=open]:animate-fade-in"
        >
          <div className="flex items-center justify-between gap-2 border-border border-b px-3 py-2">
            <h2 className="font-semibold text-sm">Notifications</h2>
            <Button
              variant="ghost"
              size="sm"
              disabled={unread === 0}
              onClick={() => void markRead()}
            >
              <CheckCheck aria-hidden className="size-4" />
              Mark all read
            </Button>
          </div>
          <div className="max-h-[min(28rem,70dvh)] overflow-y-auto">
            {isPending ? (
              <div className="flex justify-center py-8 text-muted-foreground">
                <Spinner />
              </div>
            ) : isError ? (
              <div className="space-y-2 px-4 py-6 text-center text-sm">
                <p>Notifications could not be loaded.</p>
                <Button variant="outline" size="sm" onClick={() => void refetch()}>
                  Try again
                </Button>
              </div>
            ) : data.items.length === 0 ? (
              <p className="px-4 py-8 text-center text-muted-foreground text-sm">
                Nothing yet. Assignments, mentions and new messages in your conversations show up
                here.
              </p>
            ) : (
              <ul className="divide-y divide-border">
                {data.items.map((item) => (
                  <li key={item.id}>
                    <NotificationRow
                      item={item}
                      slug={slug}
                      onOpen={() => {
                        setOpen(false);
                        if (!item.read) void markRead(item.id);
                      }}
                    />
                  </li>
                ))}
              </ul>
            )}
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function NotificationRow({
  item,
  slug,
  onOpen,
}: {
  item: NotificationItem;
  slug: string;
  onOpen: () => void;
}) {
  const body = (
    <>
      <span
        aria-hidden
        className={cn(
          "mt-1.5 size-2 shrink-0 rounded-full",
          item.read ? "bg-transparent" : "bg-primary",
        )}
      />
      <span className="min-w-0 flex-1">
        <span className={cn("block text-sm", !item.read && "font-medium")}>
          {item.title}
          {item.read ? null : <span className="sr-only"> (unread)</span>}
        </span>
        {item.detail ? (
          <span className="block truncate text-muted-foreground text-xs">{item.detail}</span>
        ) : null}
        <time dateTime={item.createdAt} className="block text-muted-foreground text-xs">
          {formatRelative(new Date(item.createdAt))}
        </time>
      </span>
    </>
  );
  const className =
    "flex w-full gap-2 px-3 py-2.5 text-left hover:bg-accent focus-visible:bg-accent focus-visible:outline-none";
  return item.conversationId ? (
    <Link href={`/${slug}/inbox/${item.conversationId}`} className={className} onClick={onOpen}>
      {body}
    </Link>
  ) : (
    <button type="button" className={className} onClick={onOpen}>
      {body}
    </button>
  );
}
