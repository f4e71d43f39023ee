import "server-only";
import { getDb } from "@/db/client";
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
  return async (request: Request, { params }: RouteContext<P>): Promise<Response> => {
    try {
      const resolved = await params;
      const context = await resolveWorkspaceContext(await getDb(), {
        userId: await currentUserId(),
        slug: resolved.workspace,
        permission: definition.permission,
      });
      const result = await handler(request, { ...context, params: resolved });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return jsonError(error, definition.name);
    }
  };
}
