import { z } from "zod";

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

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
