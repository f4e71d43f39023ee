import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { createElement } from "react";
import { type Database, getDb } from "@/db/client";
import { contacts, conversations, members, notifications, users, workspaces } from "@/db/schema";
import {
  ConversationAssignedEmail,
  conversationAssignedSubject,
} from "@/emails/conversation-assigned";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { kickEmailDelivery } from "@/lib/email/kick-email-delivery";

const BATCH = 25;
/** Older assignments are not worth an email any more. */
const FRESH_FOR = "1 hour";

function origin(): string {
  const configured = process.env.AUTH_URL;
  return configured ? new URL(configured).origin : `http://localhost:${process.env.PORT ?? 3000}`;
}

/**
 * Turns "assigned to you" notifications into emails for members who asked for them. The
 * notification (written in the assignment's transaction) is the record; here each one is
 * claimed once (SKIP LOCKED), its email written to the outbox and the claim marked in one
 * transaction — so rendering never happens while routing holds its lock.
 */
export async function emailPendingAssignments(db: Database, now = new Date()): Promise<number> {
  const queued = await db.transaction(async (tx) => {
    const pending = await tx
      .select({
        id: notifications.id,
        memberId: notifications.memberId,
        data: notifications.data,
        wants: members.emailOnAssignment,
        active: sql<boolean>`${members.removedAt} is null`,
        email: users.email,
        workspaceName: workspaces.name,
        slug: workspaces.slug,
      })
      .from(notifications)
      .innerJoin(members, eq(members.id, notifications.memberId))
      .innerJoin(users, eq(users.id, members.userId))
      .innerJoin(workspaces, eq(workspaces.id, notifications.workspaceId))
      .where(
        and(
          eq(notifications.type, "conversation_assigned"),
          isNull(notifications.emailedAt),
          sql`${notifications.createdAt} > ${now.toISOString()}::timestamptz - interval '${sql.raw(FRESH_FOR)}'`,
        ),
      )
      .orderBy(notifications.createdAt)
      .limit(BATCH)
      .for("update", { of: notifications, skipLocked: true });
    let count = 0;
    for (const row of pending) {
      const conversationId =
        typeof row.data.conversationId === "string" ? row.data.conversationId : null;
      if (!row.wants || !row.active || !conversationId) continue;
      const [conversation] = await tx
        .select({
          contactName: sql<string>`coalesce(${contacts.name}, ${contacts.email}, ${contacts.phone}, 'A customer')`,
          preview: conversations.lastMessagePreview,
          assigneeId: conversations.assigneeId,
          status: conversations.status,
        })
        .from(conversations)
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .where(eq(conversations.id, conversationId));
      // Reassigned or closed since (the mailer runs seconds later, up to an hour with a
      // backlog): "is yours now" would be untrue, and the preview no longer theirs to read.
      if (
        !conversation ||
        conversation.assigneeId !== row.memberId ||
        conversation.status !== "open"
      ) {
        continue;
      }
      const props = {
        workspaceName: row.workspaceName,
        contactName: conversation.contactName,
        how: row.data.via === "routing" ? "Routing assigned it to you" : "It was assigned to you",
        preview: conversation.preview,
        url: `${origin()}/${row.slug}/inbox/${conversationId}`,
      };
      await enqueueEmail(tx, {
        to: row.email,
        subject: conversationAssignedSubject(props),
        template: "conversation-assigned",
        react: createElement(ConversationAssignedEmail, props),
      });
      count++;
    }
    if (pending.length > 0) {
      await tx
        .update(notifications)
        .set({ emailedAt: now })
        .where(
          inArray(
            notifications.id,
            pending.map((row) => row.id),
          ),
        );
    }
    return count;
  });
  if (queued > 0) kickEmailDelivery();
  return queued;
}

const store = globalThis as typeof globalThis & {
  __switchboardAssignmentMailer?: ReturnType<typeof setInterval>;
};

/** Checks for assignment emails to write every few seconds (one process may run it or many). */
export function startAssignmentMailer(intervalMs = 5_000): void {
  if (store.__switchboardAssignmentMailer) return;
  const tick = () =>
    void getDb()
      .then((db) => emailPendingAssignments(db))
      .catch((error: unknown) => console.error("[email] assignment emails failed", error));
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  store.__switchboardAssignmentMailer = timer;
}
