import { z } from "zod";
import { notificationScopes } from "@/db/schema";

export const markNotificationsReadSchema = z.object({
  /** Leave out to mark every notification read. */
  notificationId: z.uuid("That notification does not exist.").optional(),
  /**
   * With no id: the newest notification the member was shown. Those that arrived after it
   * stay unread — "Mark all read" marks what the member could see, not what came since.
   */
  upTo: z.iso.datetime({ message: "Send the time of the newest notification shown." }).optional(),
});

export const notificationPreferencesSchema = z.object({
  notifyScope: z.enum(notificationScopes, "Choose which conversations alert you."),
  desktopNotifications: z.boolean(),
  notificationSound: z.boolean(),
  emailOnAssignment: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
