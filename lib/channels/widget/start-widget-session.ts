import "server-only";
import type { Database } from "@/db/client";
import { hitRateLimit } from "@/lib/rate-limit";
import { IP_NEW_VISITOR_LIMIT, NEW_VISITOR_WINDOW_MS } from "./limits";
import { listVisitorMessages } from "./list-visitor-messages";
import type { WidgetSession } from "./types";
import { issueVisitor, signVisitorToken, verifyVisitorToken } from "./visitor-token";
import { findWidgetWorkspace } from "./widget-settings";

/**
 * Opens the widget: a returning visitor's valid token keeps their id (and so their
 * conversation) and is renewed; anything else gets a new visitor, counted against the address's limit of new
 * visitors. Nothing else is written until they write.
 */
export async function startWidgetSession(
  db: Database,
  {
    publicId,
    token,
    ip,
    now = new Date(),
  }: { publicId: string; token?: string; ip: string; now?: Date },
): Promise<WidgetSession> {
  const { workspace, settings } = await findWidgetWorkspace(db, publicId);
  const opening = { workspaceName: workspace.name, greeting: settings.greeting };
  const visitorId = token ? verifyVisitorToken(token, workspace.publicId, now) : null;
  if (!token || !visitorId) {
    await hitRateLimit(db, {
      key: `widget:session:${workspace.id}:${ip}`,
      limit: IP_NEW_VISITOR_LIMIT,
      windowMs: NEW_VISITOR_WINDOW_MS,
      noun: "new chats",
      now,
    });
    return { ...opening, token: issueVisitor(workspace.publicId, now).token, messages: [] };
  }
  const { messages } = await listVisitorMessages(db, {
    workspaceId: workspace.id,
    workspaceName: workspace.name,
    visitorId,
  });
  // Renewed on every visit: the same visitor, a token that lives from today.
  const renewed = signVisitorToken({ visitorId, publicId: workspace.publicId, issuedAt: now });
  return { ...opening, token: renewed, messages };
}
