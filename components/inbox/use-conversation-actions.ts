"use client";

import { useMutation, useMutationState, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import {
  markReadAction,
  markUnreadAction,
  sendMessageAction,
  setStatusAction,
} from "@/app/(app)/[workspace]/inbox/actions";
import { toast } from "@/components/ui/toaster";
import type { Result } from "@/lib/errors";
import { inboxKeys } from "./api";
import type { DetailResponse } from "./types";
import { drafts, firstOpening } from "./ui-state";
import { patchListItem } from "./use-inbox-data";

export interface SendVariables {
  body: string;
  note: boolean;
  sentAt: string;
}

const isSendVariables = (value: unknown): value is SendVariables =>
  typeof value === "object" &&
  value !== null &&
  "body" in value &&
  typeof value.body === "string" &&
  "note" in value &&
  typeof value.note === "boolean" &&
  "sentAt" in value &&
  typeof value.sentAt === "string";

const sendKey = (slug: string, id: string) => [...inboxKeys.detail(slug, id), "send"] as const;

/** A server action's result as a value, or an error whose message a person can act on. */
async function unwrap<T>(call: () => Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call();
  } catch (cause) {
    throw new Error("We could not reach the server. Check your connection and try again.", {
      cause,
    });
  }
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

/** Send, close / reopen and mark unread, each refreshing the list, the counts and the thread. */
export function useConversationActions({
  slug,
  id,
  listHref,
}: {
  slug: string;
  id: string;
  listHref: string;
}) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const detailKey = inboxKeys.detail(slug, id);
  const refresh = () => queryClient.invalidateQueries({ queryKey: inboxKeys.all(slug) });

  const send = useMutation({
    mutationKey: sendKey(slug, id),
    mutationFn: ({ body, note }: SendVariables) =>
      unwrap(() => sendMessageAction({ workspace: slug, conversationId: id, body, note })),
    // Every failed send puts its text back (in its mode), even once the composer is gone or
    // another send has started since: a callback given to `mutate` runs only for the latest.
    onError: (error, { body, note }) => {
      drafts.restore(id, { text: body, note });
      toast.error(`${error.message} Your ${note ? "note" : "reply"} is back in the box.`);
    },
    // Returning the refetch keeps the message "sending" until the thread shows the real one.
    onSettled: refresh,
  });

  const setStatus = useMutation({
    mutationFn: (status: "open" | "closed") =>
      unwrap(() => setStatusAction({ workspace: slug, conversationId: id, status })),
    onMutate: async (status) => {
      await queryClient.cancelQueries({ queryKey: detailKey });
      const previous = queryClient.getQueryData<DetailResponse>(detailKey);
      queryClient.setQueryData<DetailResponse>(
        detailKey,
        (data) => data && { ...data, conversation: { ...data.conversation, status } },
      );
      return { previous };
    },
    onError: (error, _status, context) => {
      if (context?.previous) queryClient.setQueryData(detailKey, context.previous);
      toast.error(error.message);
    },
    onSuccess: ({ status }) => {
      const closed = status === "closed";
      toast.success(closed ? "Conversation closed" : "Conversation reopened", {
        // "Undo", not "Reopen": the header's Close / Reopen button keeps a unique name.
        action: { label: "Undo", onClick: () => changeStatus(closed ? "open" : "closed") },
      });
    },
    onSettled: refresh,
  });
  function changeStatus(status: "open" | "closed"): void {
    setStatus.mutate(status);
  }

  const markUnread = useMutation({
    mutationFn: () => unwrap(() => markUnreadAction({ workspace: slug, conversationId: id })),
    onSuccess: () => {
      patchListItem(queryClient, slug, id, { unread: true });
      toast.success("Marked as unread");
      // Staying would read it again; the list is where an unread conversation waits.
      router.push(listHref);
    },
    onError: (error) => toast.error(error.message),
    onSettled: refresh,
  });

  return { send, setStatus, markUnread };
}

/** Messages sent from this tab that the server has not confirmed yet, oldest first. */
export function usePendingMessages(slug: string, id: string): SendVariables[] {
  return useMutationState({
    filters: { mutationKey: sendKey(slug, id), status: "pending" },
    select: (mutation) => mutation.state.variables,
  }).filter(isSendVariables);
}

/** Marks the conversation read once when it is opened (not on every poll). */
export function useMarkReadOnOpen(slug: string, id: string) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!firstOpening(id)) return;
    patchListItem(queryClient, slug, id, { unread: false });
    void markReadAction({ workspace: slug, conversationId: id })
      .then((result) =>
        // Marked: the unread filter and the counts depend on it. Refused: the list is read
        // again, so the dot cleared above comes back rather than hiding an unread conversation.
        queryClient.invalidateQueries({
          queryKey: result.ok ? inboxKeys.all(slug) : inboxKeys.lists(slug),
        }),
      )
      .catch(() => queryClient.invalidateQueries({ queryKey: inboxKeys.lists(slug) }));
  }, [queryClient, slug, id]);
}
