import "server-only";
import type { Database } from "@/db/client";
import type { Workspace } from "@/db/schema";
import { parseInput } from "@/lib/auth/actions";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { hitRateLimit } from "@/lib/rate-limit";
import { IP_MESSAGE_LIMIT, MESSAGE_WINDOW_MS, VISITOR_MESSAGE_LIMIT } from "./limits";
import { visitorMessageSchema } from "./schemas";
import type { WidgetMessage, WidgetSettingsView } from "./types";

/**
 * A visitor writes from the widget: validate, count against the visitor's and the IP
 * address's limits, then hand the message to the inbox like any customer message. A new
 * conversation starts with the widget's team.
 */
export async function postVisitorMessage(
  db: Database,
  {
    workspace,
    settings,
    visitorId,
    ip,
    input,
    now = new Date(),
  }: {
    workspace: Workspace;
    settings: WidgetSettingsView;
    visitorId: string;
    ip: string;
    input: unknown;
    now?: Date;
  },
): Promise<WidgetMessage> {
  const { body, name, email } = parseInput(visitorMessageSchema, input);
  const window = { windowMs: MESSAGE_WINDOW_MS, noun: "messages", now };
  await hitRateLimit(db, {
    key: `widget:visitor:${workspace.id}:${visitorId}`,
    limit: VISITOR_MESSAGE_LIMIT,
    ...window,
  });
  await hitRateLimit(db, { key: `widget:ip:${ip}`, limit: IP_MESSAGE_LIMIT, ...window });
  const { message } = await receiveInboundMessage(db, {
    workspaceId: workspace.id,
    channel: "web_chat",
    handle: visitorId,
    contact: { name, email },
    body,
    teamId: settings.teamId,
    now,
  });
  return {
    id: message.id,
    from: "customer",
    body: message.body,
    createdAt: message.createdAt.toISOString(),
    authorName: null,
  };
}
