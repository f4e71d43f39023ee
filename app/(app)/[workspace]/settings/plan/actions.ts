"use server";

import { workspaceAction } from "@/lib/auth/actions";
import { changePlan } from "@/lib/members/change-plan";
import { changePlanSchema } from "@/lib/members/schemas";
import { revalidate } from "@/lib/revalidate";

export const changePlanAction = workspaceAction(
  { name: "plan.change", permission: "workspace.manage", schema: changePlanSchema },
  async ({ plan }, { db, workspace, member }) => {
    await changePlan(db, { workspaceId: workspace.id, plan, actorMemberId: member.id });
    revalidate(`/${workspace.slug}/settings`, "layout");
    return { plan };
  },
);
