import { z } from "zod";
import { routingModes } from "@/db/schema";

export const workspaceNameSchema = z
  .string({ error: "Name your workspace." })
  .trim()
  .min(2, { error: "Use at least 2 characters for the workspace name." })
  .max(60, { error: "Keep the workspace name under 60 characters." });

export const createWorkspaceSchema = z.object({ name: workspaceNameSchema });
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceSchema>;

export const updateWorkspaceSchema = z.object({
  name: workspaceNameSchema,
  timeZone: z.string().refine(isTimeZone, { error: "Pick a time zone from the list." }),
});
export type UpdateWorkspaceInput = z.infer<typeof updateWorkspaceSchema>;

/** Settings → Routing: any of the four, each applied on its own (a switch, a radio). */
export const updateRoutingSchema = z
  .object({
    routingMode: z
      .enum(routingModes, { error: "Pick a routing mode: Manual, Balanced or Round robin." })
      .optional(),
    selfAssignOnFirstReply: z.boolean().optional(),
    resetAssigneeOnClose: z.boolean().optional(),
    agentsSeeUnassigned: z.boolean().optional(),
    autoAway: z.boolean().optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), {
    error: "Nothing to change.",
  });
export type UpdateRoutingInput = z.infer<typeof updateRoutingSchema>;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
