import "server-only";
import { type Database, getDb } from "@/db/client";
import type { ApiKey, Workspace } from "@/db/schema";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { register } from "@/lib/auth/registry";
import { apiViewer, type Viewer } from "@/lib/conversations/viewer";
import { jsonError } from "./route";

type Params = Record<string, string>;

export interface ApiKeyContext<P extends Params> {
  db: Database;
  apiKey: ApiKey;
  workspace: Workspace;
  /** An API key sees the whole workspace, like a trusted integration. */
  viewer: Viewer;
  params: P;
}

/**
 * The door of the public REST API, twin of `workspaceRoute`: the bearer key (read from the
 * database on every request, so a revoked key stops at once) → its workspace → handler;
 * JSON errors with a code and the matching status.
 */
export function apiKeyRoute<P extends Params = Params>(
  definition: { name: string },
  handler: (request: Request, context: ApiKeyContext<P>) => Promise<Response | object>,
) {
  register({ kind: "route", name: definition.name, access: "apiKey" });
  const run = async (request: Request, params: P): Promise<Response> => {
    try {
      const db = await getDb();
      const { apiKey, workspace } = await authenticateApiKey(
        db,
        request.headers.get("authorization"),
      );
      const viewer = apiViewer(workspace);
      const result = await handler(request, { db, apiKey, workspace, viewer, params });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      const response = jsonError(error, definition.name);
      if (response.status === 401) response.headers.set("www-authenticate", "Bearer");
      return response;
    }
  };
  const route = async (request: Request, { params }: { params: Promise<P> }): Promise<Response> =>
    run(request, await params);
  // `registryName` lets the permission matrix find the handler; `run` lets tests skip Next.
  return Object.assign(route, { run, registryName: definition.name });
}
