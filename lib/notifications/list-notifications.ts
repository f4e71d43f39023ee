import "server-only";
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { contacts, conversations, members, notifications, type Role, users } from "@/db/schema";
import { roleLabels } from "@/lib/auth/permissions";

export interface NotificationItem {
  id: string;
  type: string;
  title: string;
  detail: string | null;
  conversationId: string | null;
  createdAt: string;
  read: boolean;
}

const PAGE = 30;

const roleOf = (role: string | null) =>
  role && role in roleLabels ? `as ${roleLabels[role as Role]}` : null;

const text = (data: Record<string, unknown>, key: string) => {
  const value = data[key];
  return typeof value === "string" && value.trim() ? value : null;
};

/**
 * The member's latest notifications with the names their titles show. The ids inside `data`
 * are compared as uuids (the server writes nothing else there), so the conversation and the
 * actor are found by primary key: compared as text, every load of the bell read the whole
 * conversations table.
 */
export function latestNotifications(db: Database, memberId: string) {
  return db
    .select({
      id: notifications.id,
      type: notifications.type,
      data: notifications.data,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      contactName: sql<
        string | null
      >`coalesce(${contacts.name}, ${contacts.email}, ${contacts.phone})`,
      actorName: sql<
        string | null
      >`(select coalesce(u.name, u.email) from ${members} m join ${users} u on u.id = m.user_id where m.id = (${notifications.data}->>'byMemberId')::uuid and m.workspace_id = ${notifications.workspaceId})`,
    })
    .from(notifications)
    .leftJoin(
      conversations,
      and(
        sql`${conversations.id} = (${notifications.data}->>'conversationId')::uuid`,
        eq(conversations.workspaceId, notifications.workspaceId),
      ),
    )
    .leftJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(eq(notifications.memberId, memberId))
    .orderBy(desc(notifications.createdAt))
    .limit(PAGE);
}

/** The bell: the member's latest notifications, newest first, and how many are unread. */
export async function listNotifications(
  db: Database,
  { memberId }: { memberId: string },
): Promise<{ items: NotificationItem[]; unread: number }> {
  const [rows, [unread]] = await Promise.all([
    latestNotifications(db, memberId),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.memberId, memberId), isNull(notifications.readAt))),
  ]);
  return {
    unread: unread?.n ?? 0,
    items: rows.map((row) => {
      const data = row.data;
      const contact = row.contactName ?? "a customer";
      const conversationId = text(data, "conversationId");
      const base = {
        id: row.id,
        type: row.type,
        conversationId,
        createdAt: row.createdAt.toISOString(),
        read: row.readAt !== null,
      };
      switch (row.type) {
        case "conversation_assigned":
          return {
            ...base,
            title: `Conversation with ${contact} assigned to you`,
            detail: row.actorName
              ? `by ${row.actorName}`
              : text(data, "via") === "routing"
                ? "by routing"
                : null,
          };
        case "message_received":
          return { ...base, title: `New message from ${contact}`, detail: text(data, "preview") };
        case "mentioned":
          return {
            ...base,
            title: `${row.actorName ?? "Someone"} mentioned you`,
            detail: `in a note on ${contact}`,
          };
        case "invitation_accepted":
          return {
            ...base,
            title: `${text(data, "name") ?? "Someone"} joined the workspace`,
            detail: roleOf(text(data, "role")),
          };
        default:
          return { ...base, title: row.type.replace(/_/g, " "), detail: null };
      }
    }),
  };
}
