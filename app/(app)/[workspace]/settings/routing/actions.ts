"use server";

import { workspaceAction } from "@/lib/auth/actions";
import { revalidate } from "@/lib/revalidate";
import { updateRoutingSchema } from "@/lib/workspaces/schemas";
import { updateRoutingSettings } from "@/lib/workspaces/update-routing-settings";

export const updateRoutingAction = workspaceAction(
  { name: "workspace.updateRouting", permission: "workspace.manage", schema: updateRoutingSchema },
  async (input, { db, workspace, member }) => {
    const { workspace: updated, routed } = await updateRoutingSettings(db, {
      workspaceId: workspace.id,
      actorMemberId: member.id,
      input,
    });
    revalidate(`/${workspace.slug}`, "layout");
    return {
      routingMode: updated.routingMode,
      selfAssignOnFirstReply: updated.selfAssignOnFirstReply,
      resetAssigneeOnClose: updated.resetAssigneeOnClose,
      agentsSeeUnassigned: updated.agentsSeeUnassigned,
      autoAway: updated.autoAway,
      routed,
    };
  },
);
