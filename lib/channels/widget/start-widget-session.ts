import "server-only";
import type { Database } from "@/db/client";
import { listVisitorMessages } from "./list-visitor-messages";
import type { WidgetSession } from "./types";
import { issueVisitor, verifyVisitorToken } from "./visitor-token";
import { findWidgetWorkspace } from "./widget-settings";

/**
 * Opens the widget: a returning visitor's valid token keeps their id (and so their
 * conversation); anything else gets a new visitor. Nothing is written until they write.
 */
export async function startWidgetSession(
  db: Database,
  { publicId, token }: { publicId: string; token?: string },
): Promise<WidgetSession> {
  const { workspace, settings } = await findWidgetWorkspace(db, publicId);
  const opening = { workspaceName: workspace.name, greeting: settings.greeting };
  const visitorId = token ? verifyVisitorToken(token, workspace.publicId) : null;
  if (!token || !visitorId) {
    return { ...opening, token: issueVisitor(workspace.publicId).token, messages: [] };
  }
  const { messages } = await listVisitorMessages(db, {
    workspaceId: workspace.id,
    workspaceName: workspace.name,
    visitorId,
  });
  return { ...opening, token, messages };
}
