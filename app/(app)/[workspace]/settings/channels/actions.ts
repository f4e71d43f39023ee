"use server";

import { workspaceAction } from "@/lib/auth/actions";
import { widgetSettingsSchema } from "@/lib/channels/widget/schemas";
import { updateWidgetSettings } from "@/lib/channels/widget/widget-settings";
import { revalidate } from "@/lib/revalidate";

export const updateWidgetAction = workspaceAction(
  { name: "channels.updateWidget", permission: "workspace.manage", schema: widgetSettingsSchema },
  async (input, { db, workspace }) => {
    const settings = await updateWidgetSettings(db, { workspaceId: workspace.id, ...input });
    revalidate(`/${workspace.slug}/settings/channels`);
    return settings;
  },
);
