import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { lockClasses, lockUntilCommit } from "@/db/advisory-locks";
import type { Database } from "@/db/client";
import {
  type Channel,
  type Contact,
  type Conversation,
  contactIdentities,
  contacts,
  conversationEvents,
  conversations,
  type Message,
  messages,
} from "@/db/schema";
import { enqueueAgentTurn } from "@/lib/agents/agent-queue";
import { queueAgentTurn } from "@/lib/agents/agent-turns";
import { reopenForCustomer, startConversation } from "@/lib/assignment/conversation-lifecycle";
import { type Arrival, routeAfterCommit } from "@/lib/assignment/drain-queue";
import { lockRoutingModes } from "@/lib/assignment/routing-lock";
import { AppError } from "@/lib/errors";
import { notifyMessageReceived } from "@/lib/notifications/notify-conversation-activity";
import { emitConversationChange } from "@/lib/realtime/emit";
import { findWorkspaceById } from "@/lib/workspaces/queries";
import { previewOf } from "./preview";

export { previewOf };

export interface InboundMessage {
  workspaceId: string;
  channel: Channel;
  /** How the channel knows the contact: visitor id, phone number, external handle. */
  handle: string;
  contact?: { name?: string | null; email?: string | null; phone?: string | null };
  body: string;
  subject?: string | null;
  /** The team a new conversation starts with (e.g. the widget's team). */
  teamId?: string | null;
  /**
   * An API client's `Idempotency-Key`: a message already received with it is returned as it
   * is (`replayed`), nothing is written again; the same key with another body is refused.
   */
  idempotencyKey?: string | null;
  now?: Date;
}

/**
 * A customer writes: find or create the contact by channel handle, continue their open
 * conversation on that channel (reopening a closed one) or start one, and append the message.
 * Starting and reopening go through lib/assignment, which sets the team and, when the pool
 * routes, queues the conversation. One transaction, the conversation row locked while it
 * changes; after its commit a queued conversation is routed in a short transaction of its own
 * (batched with whatever else waits), and the conversation is returned as routing left it.
 */
export async function receiveInboundMessage(
  db: Database,
  input: InboundMessage,
): Promise<{
  contact: Contact;
  conversation: Conversation;
  message: Message;
  started: boolean;
  reopened: boolean;
  /** The message was received before under the same idempotency key; nothing was written. */
  replayed: boolean;
}> {
  const now = input.now ?? new Date();
  const key = input.idempotencyKey ?? null;
  const received = await db.transaction(async (tx) => {
    if (key !== null) {
      // One request per key at a time: a retry racing the original waits for its commit, then
      // finds its message. Taken first, while this transaction holds nothing.
      await lockUntilCommit(tx, lockClasses.idempotencyKey, `${input.workspaceId}:${key}`);
      const earlier = await replayOf(tx, input, key);
      if (earlier) return earlier;
    }
    // Before the workspace (and its routing mode) is read: see lockRoutingModes.
    await lockRoutingModes(tx, input.workspaceId, "read");
    const workspace = await findWorkspaceById(tx, input.workspaceId);
    const contact = await findOrCreateContact(tx, input);
    const [latest] = await tx
      .select()
      .from(conversations)
      .where(
        and(
          eq(conversations.workspaceId, input.workspaceId),
          eq(conversations.contactId, contact.id),
          eq(conversations.channel, input.channel),
        ),
      )
      .orderBy(desc(conversations.createdAt))
      .limit(1)
      .for("update");

    let conversation: Conversation;
    let started = false;
    let reopened = false;
    let arrival: Arrival | null = null;
    if (!latest) {
      const result = await startConversation(tx, {
        workspace,
        contactId: contact.id,
        channel: input.channel,
        subject: input.subject ?? null,
        teamId: input.teamId ?? null,
        now,
      });
      conversation = result.conversation;
      started = true;
      if (result.queued) arrival = { conversationId: conversation.id, trigger: "arrival" };
    } else if (latest.status === "closed") {
      const result = await reopenForCustomer(tx, { workspace, conversation: latest, now });
      conversation = result.conversation;
      reopened = true;
      if (result.queued) arrival = { conversationId: conversation.id, trigger: "reopened" };
    } else {
      conversation = latest;
      // Still waiting: a drain that ran while this transaction held the row skipped it, so
      // route it once this commits (someone may have become eligible meanwhile).
      if (latest.queuedAt !== null) arrival = { conversationId: latest.id, trigger: "queue" };
    }

    const [message] = await tx
      .insert(messages)
      .values({
        workspaceId: input.workspaceId,
        conversationId: conversation.id,
        kind: "inbound",
        body: input.body,
        idempotencyKey: key,
        createdAt: now,
      })
      .returning();
    if (!message) throw new Error("message insert returned nothing");
    const [updated] = await tx
      .update(conversations)
      .set({
        lastMessageAt: now,
        lastMessagePreview: previewOf(input.body),
        waitingSince: sql`coalesce(${conversations.waitingSince}, ${now})`,
      })
      .where(eq(conversations.id, conversation.id))
      .returning();
    if (!updated) throw new Error("conversation update returned nothing");
    // The owner of a continued (or sticky reopened) conversation hears of the message; an
    // owner routing gives it after commit is told of the assignment instead.
    if (latest) {
      await notifyMessageReceived(tx, {
        conversation: updated,
        preview: previewOf(input.body),
        now,
      });
    }
    await emitConversationChange(tx, {
      workspaceId: input.workspaceId,
      conversationId: updated.id,
      states: [updated],
      change: started ? "created" : "message",
    });
    // An AI agent handling the conversation owes this message an answer (a job after commit).
    const turnKey = await queueAgentTurn(tx, { conversation: updated, message, now });
    return {
      workspace,
      contact,
      conversation: updated,
      message,
      started,
      reopened,
      replayed: false as const,
      arrival,
      turnKey,
    };
  });
  if (received.replayed) return received;
  const { workspace, arrival, turnKey, ...result } = received;
  if (turnKey) await enqueueAgentTurn({ key: turnKey, messageId: result.message.id });
  if (!arrival) return result;
  await routeAfterCommit(db, { workspace, arrivals: [arrival], now });
  const [routed] = await db
    .select()
    .from(conversations)
    .where(eq(conversations.id, arrival.conversationId));
  return { ...result, conversation: routed ?? result.conversation };
}

/**
 * The message received before under `key`, with its conversation and contact as they are now;
 * null when the key is new. The same key with another body is a client's mistake: refused.
 */
async function replayOf(tx: Database, input: InboundMessage, key: string) {
  const [earlier] = await tx
    .select({
      message: messages,
      conversation: conversations,
      contact: contacts,
      // The same customer: the conversation's contact answers to this channel and handle.
      sameCustomer: sql<boolean>`exists (select 1 from ${contactIdentities} i
        where i.contact_id = ${contacts.id} and i.channel = ${input.channel}
          and i.handle = ${input.handle})`,
      // As the first response said: did this message start the conversation, or reopen it?
      started: sql<boolean>`not exists (select 1 from ${messages} m
        where m.conversation_id = ${messages.conversationId} and m.kind = 'inbound'
          and (m.created_at, m.id) < (${messages.createdAt}, ${messages.id}))`,
      reopened: sql<boolean>`exists (select 1 from ${conversationEvents} e
        where e.conversation_id = ${messages.conversationId} and e.type = 'reopened'
          and e.created_at = ${messages.createdAt})`,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(messages.workspaceId, input.workspaceId), eq(messages.idempotencyKey, key)));
  if (!earlier) return null;
  if (
    earlier.message.body !== input.body ||
    earlier.conversation.channel !== input.channel ||
    !earlier.sameCustomer
  ) {
    throw new AppError(
      "validation",
      "That Idempotency-Key was already used for a different message. Use a new key for each message.",
      { idempotencyKey: "Already used for a different message." },
    );
  }
  return {
    contact: earlier.contact,
    conversation: earlier.conversation,
    message: earlier.message,
    started: earlier.started,
    reopened: earlier.reopened,
    replayed: true as const,
  };
}

async function findOrCreateContact(tx: Database, input: InboundMessage): Promise<Contact> {
  const { workspaceId, channel, handle } = input;
  const details = {
    name: input.contact?.name?.trim() || null,
    email: input.contact?.email?.trim().toLowerCase() || null,
    phone: input.contact?.phone?.trim() || (channel === "whatsapp" ? handle : null),
  };
  const [known] = await tx
    .select({ contact: contacts })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .where(
      and(
        eq(contactIdentities.workspaceId, workspaceId),
        eq(contactIdentities.channel, channel),
        eq(contactIdentities.handle, handle),
      ),
    );
  if (known) {
    // Details the customer gives later fill the gaps; they never overwrite what an agent saw.
    const fill = {
      ...(details.name && !known.contact.name ? { name: details.name } : {}),
      ...(details.email && !known.contact.email ? { email: details.email } : {}),
      ...(details.phone && !known.contact.phone ? { phone: details.phone } : {}),
    };
    if (Object.keys(fill).length === 0) return known.contact;
    const [filled] = await tx
      .update(contacts)
      .set(fill)
      .where(eq(contacts.id, known.contact.id))
      .returning();
    return filled ?? known.contact;
  }
  const [contact] = await tx
    .insert(contacts)
    .values({ workspaceId, ...details })
    .returning();
  if (!contact) throw new Error("contact insert returned nothing");
  const [identity] = await tx
    .insert(contactIdentities)
    .values({ workspaceId, contactId: contact.id, channel, handle })
    .onConflictDoNothing({
      target: [contactIdentities.workspaceId, contactIdentities.channel, contactIdentities.handle],
    })
    .returning({ id: contactIdentities.id });
  if (identity) return contact;
  // A request that committed meanwhile made this customer first (their first two messages at
  // once; the insert waited for it): drop ours and continue with theirs.
  await tx.delete(contacts).where(eq(contacts.id, contact.id));
  return findOrCreateContact(tx, input);
}
