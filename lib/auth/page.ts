import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { User } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { findUser } from "@/lib/workspaces/queries";
import { currentUserId } from "./auth";
import type { Permission } from "./permissions";
import { resolveWorkspaceContext, type WorkspaceContext } from "./workspace-context";

async function signInRedirect(): Promise<never> {
  const path = (await headers()).get("x-pathname") ?? "/";
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}

/** For pages of a signed-in user outside any workspace. */
export async function requireUser(): Promise<User> {
  const userId = await currentUserId();
  const user = userId ? await findUser(await getDb(), userId) : null;
  return user ?? signInRedirect();
}

/**
 * For every workspace page: the same door as actions and routes. Not signed in → sign-in
 * page; not a member → 404; role lacks the permission → 403. Memoised for one server render
 * (React `cache`), so a layout and the page below it asking the same question read the
 * database once.
 */
export const requireWorkspace = cache(async function requireWorkspace(
  slug: string,
  permission: Permission = "workspace.view",
): Promise<WorkspaceContext> {
  try {
    return await resolveWorkspaceContext(await getDb(), {
      userId: await currentUserId(),
      slug,
      permission,
    });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "unauthenticated") return signInRedirect();
    if (error.code === "forbidden") forbidden();
    notFound();
  }
});
