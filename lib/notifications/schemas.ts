import { z } from "zod";
import { notificationScopes } from "@/db/schema";

export const markNotificationsReadSchema = z.object({
  /** Leave out to mark every notification read. */
  notificationId: z.uuid("That notification does not exist.").optional(),
});

export const notificationPreferencesSchema = z.object({
  notifyScope: z.enum(notificationScopes, "Choose which conversations alert you."),
  desktopNotifications: z.boolean(),
  notificationSound: z.boolean(),
  emailOnAssignment: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
