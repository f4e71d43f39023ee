import "server-only";
import Pusher from "pusher";
import { z } from "zod";
import type { Database } from "@/db/client";
import { parseInput } from "@/lib/auth/actions";
import { resolveWorkspaceContext } from "@/lib/auth/workspace-context";
import { authenticateVisitorToken } from "@/lib/channels/widget/widget-request";
import { findVisibleConversation, viewerFor } from "@/lib/conversations/viewer";
import { AppError, notFound } from "@/lib/errors";
import { parseChannel } from "./events";
import { pusherServerConfig } from "./pusher-config";

export const channelAuthSchema = z.object({
  socket_id: z.string().regex(/^\d+\.\d+$/, "That is not a Pusher socket id."),
  channel_name: z.string().min(1).max(200),
  /** Members: the workspace slug. */
  workspace: z.string().min(1).max(100).optional(),
  /** Web chat visitors: their visitor token. */
  token: z.string().min(1).max(300).optional(),
});

/**
 * Pusher channel authorisation, read from the database each time: a member's own channel
 * only by that member while active; a conversation's presence channel only by members who
 * may see it (with their name as presence data); a visitor's channel only with its token.
 */
export async function authorizeChannel(
  db: Database,
  { userId, input }: { userId: string | null; input: unknown },
): Promise<{ auth: string; channel_data?: string }> {
  const config = pusherServerConfig();
  if (!config) throw notFound("Pusher channel authorisation");
  const pusher = new Pusher(config);
  const { socket_id, channel_name, workspace, token } = parseInput(channelAuthSchema, input);
  const channel = parseChannel(channel_name);
  if (!channel) throw new AppError("forbidden", "That channel does not exist.");

  if (channel.kind === "visitor") {
    const visitor = await authenticateVisitorToken(db, {
      token: token ?? null,
      publicId: channel.publicId,
    });
    if (visitor.visitorId !== channel.visitorId)
      throw new AppError("forbidden", "That is not your chat.");
    return pusher.authorizeChannel(socket_id, channel_name);
  }

  if (!workspace) throw new AppError("validation", "Say which workspace the channel belongs to.");
  const context = await resolveWorkspaceContext(db, {
    userId,
    slug: workspace,
    permission: channel.kind === "member" ? "workspace.view" : "conversations.view",
  });
  if (channel.kind === "member") {
    if (context.member.id !== channel.memberId)
      throw new AppError("forbidden", "That is not your channel.");
    return pusher.authorizeChannel(socket_id, channel_name);
  }
  const conversation = await findVisibleConversation(
    db,
    await viewerFor(context),
    channel.conversationId,
  );
  if (!conversation) throw notFound("That conversation");
  return pusher.authorizeChannel(socket_id, channel_name, {
    user_id: context.member.id,
    user_info: { name: context.user.name ?? context.user.email },
  });
}
