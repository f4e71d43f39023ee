import "server-only";
import type { Database } from "@/db/client";
import { notifications } from "@/db/schema";
import { emit, emitMany } from "@/lib/realtime/emit";

export type NotificationType =
  | "invitation_accepted"
  | "conversation_assigned"
  | "message_received"
  | "mentioned";

const notificationTitles: Record<NotificationType, string> = {
  invitation_accepted: "An invitation was accepted",
  conversation_assigned: "A conversation was assigned to you",
  message_received: "New message in your conversation",
  mentioned: "You were mentioned in a note",
};

/** Writes an in-app notification, and its live signal, inside the caller's transaction. */
export async function notify(
  tx: Database,
  entry: {
    workspaceId: string;
    memberId: string;
    type: NotificationType;
    data: Record<string, unknown>;
  },
): Promise<void> {
  const [row] = await tx.insert(notifications).values(entry).returning({ id: notifications.id });
  if (!row) return;
  const conversationId =
    typeof entry.data.conversationId === "string" ? entry.data.conversationId : null;
  await emit(tx, {
    workspaceId: entry.workspaceId,
    audience: { kind: "members", memberIds: [entry.memberId] },
    event: {
      type: "notification.created",
      notificationId: row.id,
      kind: entry.type,
      title: notificationTitles[entry.type],
      conversationId,
    },
  });
}

/** `notify` for many entries: one insert and one statement of live signals. */
export async function notifyMany(
  tx: Database,
  entries: readonly {
    workspaceId: string;
    memberId: string;
    type: NotificationType;
    data: Record<string, unknown>;
  }[],
): Promise<void> {
  if (entries.length === 0) return;
  const rows = await tx
    .insert(notifications)
    .values([...entries])
    .returning({
      id: notifications.id,
      workspaceId: notifications.workspaceId,
      memberId: notifications.memberId,
      type: notifications.type,
      data: notifications.data,
    });
  await emitMany(
    tx,
    rows.map((row) => {
      // The type is the one inserted just above; the column is plain text.
      const kind = row.type as NotificationType;
      return {
        workspaceId: row.workspaceId,
        audience: { kind: "members" as const, memberIds: [row.memberId] },
        event: {
          type: "notification.created" as const,
          notificationId: row.id,
          kind,
          title: notificationTitles[kind],
          conversationId:
            typeof row.data.conversationId === "string" ? row.data.conversationId : null,
        },
      };
    }),
  );
}
