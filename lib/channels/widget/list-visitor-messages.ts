import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { aiAgents, contactIdentities, conversations, members, messages, users } from "@/db/schema";
import type { WidgetMessage, WidgetMessagesPage } from "./types";

/** The kinds a customer may ever see: notes and system lines stay inside the team. */
const customerVisibleKinds = ["inbound", "outbound"] as const;

interface VisitorScope {
  workspaceId: string;
  /** Shown under a reply whose author has no name (a member without one). */
  workspaceName: string;
  visitorId: string;
}

/**
 * The visitor's own conversation: the latest web chat conversation of the contact their
 * visitor id identifies, and nothing else. `after` returns only messages newer than it.
 */
export async function listVisitorMessages(
  db: Database,
  { workspaceId, workspaceName, visitorId, after }: VisitorScope & { after?: Date | null },
): Promise<WidgetMessagesPage> {
  const [conversation] = await db
    .select({ id: conversations.id })
    .from(contactIdentities)
    .innerJoin(
      conversations,
      and(
        eq(conversations.contactId, contactIdentities.contactId),
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.channel, "web_chat"),
      ),
    )
    .where(
      and(
        eq(contactIdentities.workspaceId, workspaceId),
        eq(contactIdentities.channel, "web_chat"),
        eq(contactIdentities.handle, visitorId),
      ),
    )
    .orderBy(desc(conversations.createdAt))
    .limit(1);
  const cursor = after ? after.toISOString() : null;
  if (!conversation) return { messages: [], after: cursor };

  const rows = await db
    .select({
      id: messages.id,
      kind: messages.kind,
      body: messages.body,
      createdAt: messages.createdAt,
      authorName: users.name,
      agentName: aiAgents.name,
    })
    .from(messages)
    .leftJoin(members, eq(members.id, messages.authorMemberId))
    .leftJoin(users, eq(users.id, members.userId))
    .leftJoin(aiAgents, eq(aiAgents.id, messages.authorAgentId))
    .where(
      and(
        eq(messages.workspaceId, workspaceId),
        eq(messages.conversationId, conversation.id),
        inArray(messages.kind, [...customerVisibleKinds]),
        // Cursors carry milliseconds; a row written with finer precision must not repeat.
        after
          ? sql`date_trunc('milliseconds', ${messages.createdAt}) > ${after.toISOString()}::timestamptz`
          : undefined,
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id));

  const list = rows.map(
    (row): WidgetMessage => ({
      id: row.id,
      from: row.kind === "inbound" ? "customer" : "team",
      body: row.body,
      createdAt: row.createdAt.toISOString(),
      // A member's email is never shown to customers; the workspace stands in for no name.
      // An AI agent's replies carry its name, as they did live.
      authorName:
        row.kind === "inbound"
          ? null
          : row.agentName?.trim() || row.authorName?.trim() || workspaceName,
    }),
  );
  return { messages: list, after: list.at(-1)?.createdAt ?? cursor };
}
