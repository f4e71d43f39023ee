import { z } from "zod";
import { teamRoutingModes } from "@/db/schema";

export const teamNameSchema = z
  .string({ error: "Name the team." })
  .trim()
  .min(1, { error: "Name the team." })
  .max(50, { error: "Keep the team name to 50 characters or fewer." });

export const teamRoutingModeSchema = z.enum(teamRoutingModes, {
  error: "Pick a routing mode from the list.",
});

const teamId = z.uuid({ error: "That team does not exist or you do not have access to it." });
const memberId = z.uuid({ error: "That member does not exist or you do not have access to it." });

export const createTeamSchema = z.object({
  name: teamNameSchema,
  routingMode: teamRoutingModeSchema.default("inherit"),
});
export type CreateTeamInput = z.infer<typeof createTeamSchema>;

export const renameTeamSchema = z.object({ teamId, name: teamNameSchema });
export type RenameTeamInput = z.infer<typeof renameTeamSchema>;

export const deleteTeamSchema = z.object({ teamId });
export type DeleteTeamInput = z.infer<typeof deleteTeamSchema>;

export const setTeamRoutingSchema = z.object({ teamId, routingMode: teamRoutingModeSchema });
export type SetTeamRoutingInput = z.infer<typeof setTeamRoutingSchema>;

export const teamMemberSchema = z.object({ teamId, memberId });
export type TeamMemberInput = z.infer<typeof teamMemberSchema>;
