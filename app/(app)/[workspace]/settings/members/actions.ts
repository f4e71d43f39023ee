"use server";

import { z } from "zod";
import { appUrl } from "@/lib/app-url";
import { setMemberAvailability } from "@/lib/assignment/set-member-availability";
import { workspaceAction } from "@/lib/auth/actions";
import { kickEmailDelivery } from "@/lib/email/kick-email-delivery";
import { changeRole } from "@/lib/members/change-role";
import { leaveWorkspace, removeMember } from "@/lib/members/end-membership";
import { inviteMembers } from "@/lib/members/invite-members";
import { resendInvitation, revokeInvitation } from "@/lib/members/manage-invitation";
import {
  changeRoleSchema,
  invitationIdSchema,
  inviteSchema,
  memberIdSchema,
  setAvailabilitySchema,
} from "@/lib/members/schemas";
import { revalidate } from "@/lib/revalidate";

const membersPath = (slug: string) => `/${slug}/settings/members`;

export const inviteMembersAction = workspaceAction(
  { name: "members.invite", permission: "members.manage", schema: inviteSchema },
  async (input, { db, workspace, member, user }) => {
    const invited = await inviteMembers(db, {
      workspaceId: workspace.id,
      inviter: { member, user },
      input,
      baseUrl: await appUrl(),
    });
    kickEmailDelivery();
    revalidate(membersPath(workspace.slug));
    return { invited: invited.map((invitation) => invitation.email) };
  },
);

export const resendInvitationAction = workspaceAction(
  { name: "members.resendInvitation", permission: "members.manage", schema: invitationIdSchema },
  async ({ invitationId }, { db, workspace, member, user }) => {
    const invitation = await resendInvitation(db, {
      workspaceId: workspace.id,
      invitationId,
      inviter: { member, user },
      baseUrl: await appUrl(),
    });
    kickEmailDelivery();
    revalidate(membersPath(workspace.slug));
    return { email: invitation.email };
  },
);

export const revokeInvitationAction = workspaceAction(
  { name: "members.revokeInvitation", permission: "members.manage", schema: invitationIdSchema },
  async ({ invitationId }, { db, workspace, member }) => {
    await revokeInvitation(db, {
      workspaceId: workspace.id,
      invitationId,
      actorMemberId: member.id,
    });
    revalidate(membersPath(workspace.slug));
    return {};
  },
);

export const changeRoleAction = workspaceAction(
  { name: "members.changeRole", permission: "members.manage", schema: changeRoleSchema },
  async ({ memberId, role }, { db, workspace, member }) => {
    await changeRole(db, { workspaceId: workspace.id, memberId, role, actorMemberId: member.id });
    revalidate(membersPath(workspace.slug));
    return {};
  },
);

export const removeMemberAction = workspaceAction(
  { name: "members.remove", permission: "members.manage", schema: memberIdSchema },
  async ({ memberId }, { db, workspace, member }) => {
    const removed = await removeMember(db, {
      workspaceId: workspace.id,
      memberId,
      actorMemberId: member.id,
    });
    revalidate(membersPath(workspace.slug));
    return removed;
  },
);

/** An Admin sets any member's capacity and "accepts chats"; status stays the member's own. */
export const setAvailabilityAction = workspaceAction(
  { name: "members.setAvailability", permission: "members.manage", schema: setAvailabilitySchema },
  async ({ memberId, ...change }, { db, workspace, member }) => {
    const { member: updated, routed } = await setMemberAvailability(db, {
      workspace,
      memberId,
      actorMemberId: member.id,
      change,
    });
    revalidate(membersPath(workspace.slug));
    return {
      acceptsChats: updated.acceptsChats,
      capacity: updated.capacity,
      openConversations: updated.openConversations,
      routed,
    };
  },
);

export const leaveWorkspaceAction = workspaceAction(
  { name: "members.leave", permission: "workspace.view", schema: z.object({}) },
  async (_input, { db, workspace, member }) => {
    await leaveWorkspace(db, { workspaceId: workspace.id, memberId: member.id });
    return { redirectTo: "/" };
  },
);
