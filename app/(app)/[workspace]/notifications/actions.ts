"use server";

import { workspaceAction } from "@/lib/auth/actions";
import { markNotificationsRead } from "@/lib/notifications/mark-notifications-read";
import {
  markNotificationsReadSchema,
  notificationPreferencesSchema,
} from "@/lib/notifications/schemas";
import { setNotificationPreferences } from "@/lib/notifications/set-notification-preferences";

export const markNotificationsReadAction = workspaceAction(
  {
    name: "notifications.markRead",
    permission: "workspace.view",
    schema: markNotificationsReadSchema,
  },
  async ({ notificationId, upTo }, context) => ({
    marked: await markNotificationsRead(context.db, {
      workspaceId: context.workspace.id,
      memberId: context.member.id,
      notificationId,
      upTo: upTo ? new Date(upTo) : undefined,
    }),
  }),
);

export const setNotificationPreferencesAction = workspaceAction(
  {
    name: "notifications.setPreferences",
    permission: "workspace.view",
    schema: notificationPreferencesSchema,
  },
  async (preferences, context) =>
    setNotificationPreferences(context.db, { memberId: context.member.id, preferences }),
);
