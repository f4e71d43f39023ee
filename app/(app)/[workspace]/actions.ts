"use server";

import { setMemberAvailability } from "@/lib/assignment/set-member-availability";
import { workspaceAction } from "@/lib/auth/actions";
import { setMyAvailabilitySchema } from "@/lib/members/schemas";
import { revalidate } from "@/lib/revalidate";

/**
 * The header menu's status and "accepts chats". "conversations.reply", not "workspace.view":
 * both only decide whether routing gives this member conversations, and a Viewer can never
 * get one (their role cannot reply), so a Viewer has nothing to set and the door says so.
 */
export const setMyAvailabilityAction = workspaceAction(
  {
    name: "members.setMyAvailability",
    permission: "conversations.reply",
    schema: setMyAvailabilitySchema,
  },
  async (change, { db, workspace, member }) => {
    const { member: updated, routed } = await setMemberAvailability(db, {
      workspace,
      memberId: member.id,
      actorMemberId: member.id,
      change,
    });
    revalidate(`/${workspace.slug}`, "layout");
    // Conversations wait only while nobody in their pool is eligible, so whatever this change
    // let through went to this member.
    return { status: updated.status, acceptsChats: updated.acceptsChats, routed };
  },
);
