"use server";

import { workspaceAction } from "@/lib/auth/actions";
import { revalidate } from "@/lib/revalidate";
import { addTeamMember } from "@/lib/teams/add-team-member";
import { createTeam } from "@/lib/teams/create-team";
import { deleteTeam } from "@/lib/teams/delete-team";
import { removeTeamMember } from "@/lib/teams/remove-team-member";
import { renameTeam } from "@/lib/teams/rename-team";
import {
  createTeamSchema,
  deleteTeamSchema,
  renameTeamSchema,
  setTeamRoutingSchema,
  teamMemberSchema,
} from "@/lib/teams/schemas";
import { setTeamRouting } from "@/lib/teams/set-team-routing";

const teamsPath = (slug: string) => `/${slug}/settings/teams`;

export const createTeamAction = workspaceAction(
  { name: "teams.create", permission: "teams.manage", schema: createTeamSchema },
  async (input, { db, workspace, member }) => {
    const team = await createTeam(db, {
      workspaceId: workspace.id,
      actorMemberId: member.id,
      ...input,
    });
    revalidate(teamsPath(workspace.slug));
    return { id: team.id, name: team.name, routingMode: team.routingMode };
  },
);

export const renameTeamAction = workspaceAction(
  { name: "teams.rename", permission: "teams.manage", schema: renameTeamSchema },
  async (input, { db, workspace, member }) => {
    const team = await renameTeam(db, {
      workspaceId: workspace.id,
      actorMemberId: member.id,
      ...input,
    });
    revalidate(teamsPath(workspace.slug));
    return { id: team.id, name: team.name };
  },
);

export const deleteTeamAction = workspaceAction(
  { name: "teams.delete", permission: "teams.manage", schema: deleteTeamSchema },
  async (input, { db, workspace, member }) => {
    const deleted = await deleteTeam(db, {
      workspaceId: workspace.id,
      actorMemberId: member.id,
      ...input,
    });
    revalidate(teamsPath(workspace.slug));
    return deleted;
  },
);

export const setTeamRoutingAction = workspaceAction(
  { name: "teams.setRouting", permission: "teams.manage", schema: setTeamRoutingSchema },
  async (input, { db, workspace, member }) => {
    const team = await setTeamRouting(db, {
      workspaceId: workspace.id,
      actorMemberId: member.id,
      ...input,
    });
    revalidate(teamsPath(workspace.slug));
    return { id: team.id, name: team.name, routingMode: team.routingMode };
  },
);

export const addTeamMemberAction = workspaceAction(
  { name: "teams.addMember", permission: "teams.manage", schema: teamMemberSchema },
  async (input, { db, workspace, member }) => {
    const added = await addTeamMember(db, {
      workspaceId: workspace.id,
      actorMemberId: member.id,
      ...input,
    });
    revalidate(teamsPath(workspace.slug));
    return added;
  },
);

export const removeTeamMemberAction = workspaceAction(
  { name: "teams.removeMember", permission: "teams.manage", schema: teamMemberSchema },
  async (input, { db, workspace, member }) => {
    const removed = await removeTeamMember(db, {
      workspaceId: workspace.id,
      actorMemberId: member.id,
      ...input,
    });
    revalidate(teamsPath(workspace.slug));
    return removed;
  },
);
