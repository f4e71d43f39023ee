import "server-only";
import { randomUUID } from "node:crypto";
import type { SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { notifications } from "@/db/schema";
import { type EmitEntry, emitMany } from "@/lib/realtime/emit";

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

/** One in-app notification to write. */
export interface NotificationEntry {
  workspaceId: string;
  memberId: string;
  type: NotificationType;
  data: Record<string, unknown>;
}

/** Writes an in-app notification, and its live signal, inside the caller's transaction. */
export async function notify(tx: Database, entry: NotificationEntry): Promise<void> {
  await notifyMany(tx, [entry]);
}

/** `notify` for many entries: the inserts and their live signals in one statement. */
export async function notifyMany(
  tx: Database,
  entries: readonly NotificationEntry[],
): Promise<void> {
  const notes = notificationWrites(tx, entries);
  if (notes) await emitMany(tx, notes.live, [notes.write]);
}

/**
 * The insert of `entries` and their live signals, for a caller that records them with
 * `emitMany` alongside its own writes. The ids are made here, so the signals can name them
 * without reading the insert back. Null when there is nothing to write.
 */
export function notificationWrites(
  tx: Database,
  entries: readonly NotificationEntry[],
): { write: SQL; live: EmitEntry[] } | null {
  if (entries.length === 0) return null;
  const rows = entries.map((entry) => ({ ...entry, id: randomUUID() }));
  return {
    write: tx.insert(notifications).values(rows).getSQL(),
    live: rows.map((row) =>
      notificationSignal({
        ...row,
        conversationId:
          typeof row.data.conversationId === "string" ? row.data.conversationId : null,
      }),
    ),
  };
}

/** The live signal of a notification written (or brought up to date): the bell reads again. */
export function notificationSignal(notification: {
  id: string;
  workspaceId: string;
  memberId: string;
  type: NotificationType;
  conversationId: string | null;
}): EmitEntry {
  return {
    workspaceId: notification.workspaceId,
    audience: { kind: "members", memberIds: [notification.memberId] },
    event: {
      type: "notification.created",
      notificationId: notification.id,
      kind: notification.type,
      title: notificationTitles[notification.type],
      conversationId: notification.conversationId,
    },
  };
}
