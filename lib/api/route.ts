import "server-only";
import { getDb } from "@/db/client";
import type { Actor } from "@/lib/auth/actions";
import { currentUserId } from "@/lib/auth/auth";
import type { Permission } from "@/lib/auth/permissions";
import { register } from "@/lib/auth/registry";
import { resolveWorkspaceContext, type WorkspaceContext } from "@/lib/auth/workspace-context";
import { AppError, toErrorBody } from "@/lib/errors";

type Params = Record<string, string>;
type RouteContext<P extends Params> = { params: Promise<P & { workspace: string }> };

export function jsonError(error: unknown, context: string): Response {
  const body = toErrorBody(error, context);
  const status = error instanceof AppError ? error.status : 500;
  return Response.json({ error: body }, { status });
}

/**
 * The route-handler twin of `workspaceAction`: session → membership from the database →
 * permission → handler; JSON errors with a code and the matching status. API keys join
 * this door when the API issue adds them.
 */
export function workspaceRoute<P extends Params>(
  definition: { name: string; permission: Permission },
  handler: (
    request: Request,
    context: WorkspaceContext & { params: P & { workspace: string } },
  ) => Promise<Response | object>,
) {
  register({ kind: "route", name: definition.name, access: definition.permission });
  const run = async (actor: Actor, request: Request, params: P & { workspace: string }) => {
    try {
      const context = await resolveWorkspaceContext(await getDb(), {
        userId: actor.userId,
        slug: params.workspace,
        permission: definition.permission,
      });
      const result = await handler(request, { ...context, params });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return jsonError(error, definition.name);
    }
  };
  const route = async (request: Request, { params }: RouteContext<P>): Promise<Response> =>
    run({ userId: await currentUserId() }, request, await params);
  // `registryName` lets the permission matrix test find handlers that skipped the registry.
  return Object.assign(route, { run, registryName: definition.name });
}

/** A route anyone may call (health, Auth.js's own endpoints), registered like the rest. */
export function publicRoute<H extends (...args: never[]) => Promise<Response>>(
  definition: { name: string },
  handler: H,
) {
  register({ kind: "route", name: definition.name, access: "public" });
  return Object.assign(handler, { registryName: definition.name });
}
