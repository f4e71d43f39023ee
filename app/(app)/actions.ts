"use server";

import { userAction, workspaceAction } from "@/lib/auth/actions";
import { setPasswordSchema } from "@/lib/auth/schemas";
import { setPassword } from "@/lib/auth/set-password";
import { hitRateLimit } from "@/lib/rate-limit";
import { revalidate } from "@/lib/revalidate";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { createWorkspaceSchema, updateWorkspaceSchema } from "@/lib/workspaces/schemas";
import { updateWorkspace } from "@/lib/workspaces/update-workspace";

export const createWorkspaceAction = userAction(
  { name: "workspace.create", schema: createWorkspaceSchema },
  async (input, { db, user }) => {
    const workspace = await createWorkspace(db, { userId: user.id, name: input.name });
    return { slug: workspace.slug, redirectTo: `/${workspace.slug}/inbox` };
  },
);

export const updateWorkspaceAction = workspaceAction(
  { name: "workspace.update", permission: "workspace.manage", schema: updateWorkspaceSchema },
  async (input, { db, workspace }) => {
    const updated = await updateWorkspace(db, { workspaceId: workspace.id, ...input });
    revalidate(`/${workspace.slug}`, "layout");
    return { name: updated.name, timeZone: updated.timeZone };
  },
);

export const setPasswordAction = userAction(
  { name: "account.setPassword", schema: setPasswordSchema },
  async (input, { db, user }) => {
    // Ten tries a quarter hour: a borrowed session cannot guess the current password.
    await hitRateLimit(db, {
      key: `account:password:${user.id}`,
      limit: 10,
      windowMs: 15 * 60_000,
      noun: "password changes",
    });
    return setPassword(db, { user, input });
  },
);
