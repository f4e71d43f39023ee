import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import {
  contactIdentities,
  contacts,
  conversationEvents,
  members,
  messages,
  teams,
  users,
} from "@/db/schema";
import { notFound } from "@/lib/errors";
import { findVisibleConversation, type Viewer } from "./viewer";

const author = alias(members, "author");
const authorUser = alias(users, "author_user");
const actor = alias(members, "actor");
const actorUser = alias(users, "actor_user");

/** A conversation with its contact, owners, thread and history; 404 when not visible. */
export async function getConversation(db: Database, viewer: Viewer, conversationId: string) {
  const conversation = await findVisibleConversation(db, viewer, conversationId);
  if (!conversation) throw notFound("That conversation");
  const [[contact], identities, assignee, team, thread, history] = await Promise.all([
    db.select().from(contacts).where(eq(contacts.id, conversation.contactId)),
    db
      .select({ channel: contactIdentities.channel, handle: contactIdentities.handle })
      .from(contactIdentities)
      .where(eq(contactIdentities.contactId, conversation.contactId)),
    conversation.assigneeId
      ? db
          .select({
            id: members.id,
            name: users.name,
            email: users.email,
            image: users.image,
            status: members.status,
          })
          .from(members)
          .innerJoin(users, eq(users.id, members.userId))
          .where(eq(members.id, conversation.assigneeId))
          .then((rows) => rows[0] ?? null)
      : Promise.resolve(null),
    conversation.teamId
      ? db
          .select({ id: teams.id, name: teams.name })
          .from(teams)
          .where(eq(teams.id, conversation.teamId))
          .then((rows) => rows[0] ?? null)
      : Promise.resolve(null),
    db
      .select({
        id: messages.id,
        kind: messages.kind,
        body: messages.body,
        createdAt: messages.createdAt,
        authorMemberId: messages.authorMemberId,
        authorName: authorUser.name,
        authorEmail: authorUser.email,
        authorImage: authorUser.image,
      })
      .from(messages)
      .leftJoin(author, eq(author.id, messages.authorMemberId))
      .leftJoin(authorUser, eq(authorUser.id, author.userId))
      .where(
        and(
          eq(messages.conversationId, conversation.id),
          eq(messages.workspaceId, viewer.workspace.id),
        ),
      )
      .orderBy(asc(messages.createdAt), asc(messages.id)),
    db
      .select({
        id: conversationEvents.id,
        type: conversationEvents.type,
        data: conversationEvents.data,
        createdAt: conversationEvents.createdAt,
        actorName: actorUser.name,
        actorEmail: actorUser.email,
      })
      .from(conversationEvents)
      .leftJoin(actor, eq(actor.id, conversationEvents.actorMemberId))
      .leftJoin(actorUser, eq(actorUser.id, actor.userId))
      .where(eq(conversationEvents.conversationId, conversation.id))
      .orderBy(asc(conversationEvents.createdAt), asc(conversationEvents.id)),
  ]);
  if (!contact) throw notFound("That conversation");
  return {
    conversation,
    contact,
    identities,
    assignee: assignee ? { ...assignee, name: assignee.name ?? assignee.email } : null,
    team,
    messages: thread.map((message) => ({
      id: message.id,
      kind: message.kind,
      body: message.body,
      createdAt: message.createdAt,
      author: message.authorMemberId
        ? {
            id: message.authorMemberId,
            name: message.authorName ?? message.authorEmail ?? "Former member",
            image: message.authorImage,
          }
        : null,
    })),
    events: history.map((event) => ({
      id: event.id,
      type: event.type,
      data: event.data,
      createdAt: event.createdAt,
      actorName: event.actorName ?? event.actorEmail ?? null,
    })),
  };
}
export type ConversationDetail = Awaited<ReturnType<typeof getConversation>>;
