"use server";

import { workspaceAction } from "@/lib/auth/actions";
import { markConversationRead, markConversationUnread } from "@/lib/conversations/read-state";
import {
  conversationIdSchema,
  sendMessageSchema,
  setStatusSchema,
} from "@/lib/conversations/schemas";
import { sendMessage } from "@/lib/conversations/send-message";
import { setConversationStatus } from "@/lib/conversations/set-status";
import { viewerFor } from "@/lib/conversations/viewer";

export const sendMessageAction = workspaceAction(
  { name: "conversations.send", permission: "conversations.reply", schema: sendMessageSchema },
  async ({ conversationId, body, note }, context) => {
    const message = await sendMessage(context.db, {
      viewer: await viewerFor(context),
      conversationId,
      body,
      note,
    });
    return { id: message.id, createdAt: message.createdAt.toISOString() };
  },
);

export const setStatusAction = workspaceAction(
  { name: "conversations.setStatus", permission: "conversations.reply", schema: setStatusSchema },
  async ({ conversationId, status }, context) => {
    await setConversationStatus(context.db, {
      viewer: await viewerFor(context),
      conversationId,
      status,
    });
    return { status };
  },
);

export const markReadAction = workspaceAction(
  {
    name: "conversations.markRead",
    permission: "conversations.view",
    schema: conversationIdSchema,
  },
  async ({ conversationId }, context) => {
    await markConversationRead(context.db, await viewerFor(context), conversationId);
    return {};
  },
);

export const markUnreadAction = workspaceAction(
  {
    name: "conversations.markUnread",
    permission: "conversations.view",
    schema: conversationIdSchema,
  },
  async ({ conversationId }, context) => {
    await markConversationUnread(context.db, await viewerFor(context), conversationId);
    return {};
  },
);
