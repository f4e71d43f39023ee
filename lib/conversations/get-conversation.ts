import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import {
  agentSessions,
  aiAgents,
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
const agentAuthor = alias(aiAgents, "agent_author");
const starter = alias(members, "starter");
const starterUser = alias(users, "starter_user");
const ender = alias(members, "ender");
const enderUser = alias(users, "ender_user");

/** Who wrote an outbound message or note: a member, or an AI agent (with its emoji avatar). */
export type MessageAuthor =
  | { kind: "member"; id: string; name: string; image: string | null }
  | { kind: "agent"; id: string; name: string; avatar: string };

/** The newest sessions a conversation shows in its history; older ones stay in the events. */
const SESSION_HISTORY_LIMIT = 50;

/** The AI agent sessions of a conversation, newest first, with who started and ended each. */
function listAgentSessions(db: Database, workspaceId: string, conversationId: string) {
  return db
    .select({
      id: agentSessions.id,
      agentId: aiAgents.id,
      agentName: aiAgents.name,
      agentAvatar: aiAgents.avatar,
      sendInitialMessage: agentSessions.sendInitialMessage,
      startedAt: agentSessions.startedAt,
      expiresAt: agentSessions.expiresAt,
      startedByName: starterUser.name,
      startedByEmail: starterUser.email,
      endedAt: agentSessions.endedAt,
      endReason: agentSessions.endReason,
      endDetail: agentSessions.endDetail,
      endedByName: enderUser.name,
      endedByEmail: enderUser.email,
    })
    .from(agentSessions)
    .innerJoin(aiAgents, eq(aiAgents.id, agentSessions.agentId))
    .leftJoin(starter, eq(starter.id, agentSessions.startedByMemberId))
    .leftJoin(starterUser, eq(starterUser.id, starter.userId))
    .leftJoin(ender, eq(ender.id, agentSessions.endedByMemberId))
    .leftJoin(enderUser, eq(enderUser.id, ender.userId))
    .where(
      and(
        eq(agentSessions.conversationId, conversationId),
        eq(agentSessions.workspaceId, workspaceId),
      ),
    )
    .orderBy(desc(agentSessions.startedAt), desc(agentSessions.id))
    .limit(SESSION_HISTORY_LIMIT);
}

/**
 * A conversation with its contact, owners (member, team, the active AI agent session), thread
 * (each reply by a member or an AI agent), history and agent sessions; 404 when not visible.
 */
export async function getConversation(db: Database, viewer: Viewer, conversationId: string) {
  const conversation = await findVisibleConversation(db, viewer, conversationId);
  if (!conversation) throw notFound("That conversation");
  const [[contact], identities, assignee, team, thread, history, sessions] = await Promise.all([
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
        authorAgentId: agentAuthor.id,
        authorAgentName: agentAuthor.name,
        authorAgentAvatar: agentAuthor.avatar,
      })
      .from(messages)
      .leftJoin(author, eq(author.id, messages.authorMemberId))
      .leftJoin(authorUser, eq(authorUser.id, author.userId))
      .leftJoin(agentAuthor, eq(agentAuthor.id, messages.authorAgentId))
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
    listAgentSessions(db, viewer.workspace.id, conversation.id),
  ]);
  if (!contact) throw notFound("That conversation");
  const sessionHistory = sessions.map((session) => ({
    id: session.id,
    agent: { id: session.agentId, name: session.agentName, avatar: session.agentAvatar },
    sendInitialMessage: session.sendInitialMessage,
    startedAt: session.startedAt,
    expiresAt: session.expiresAt,
    startedByName: session.startedByName ?? session.startedByEmail ?? null,
    endedAt: session.endedAt,
    endReason: session.endReason,
    endDetail: session.endDetail,
    endedByName: session.endedByName ?? session.endedByEmail ?? null,
  }));
  // The conversation row names the active session; the history has its details.
  const activeSession =
    sessionHistory.find(
      (session) => session.id === conversation.agentSessionId && !session.endedAt,
    ) ?? null;
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
      author: authorOf(message),
    })),
    events: history.map((event) => ({
      id: event.id,
      type: event.type,
      data: event.data,
      createdAt: event.createdAt,
      actorName: event.actorName ?? event.actorEmail ?? null,
    })),
    agentSession: activeSession
      ? {
          id: activeSession.id,
          agent: activeSession.agent,
          sendInitialMessage: activeSession.sendInitialMessage,
          startedAt: activeSession.startedAt,
          expiresAt: activeSession.expiresAt,
          startedByName: activeSession.startedByName,
        }
      : null,
    agentSessions: sessionHistory,
  };
}

function authorOf(message: {
  authorMemberId: string | null;
  authorName: string | null;
  authorEmail: string | null;
  authorImage: string | null;
  authorAgentId: string | null;
  authorAgentName: string | null;
  authorAgentAvatar: string | null;
}): MessageAuthor | null {
  if (message.authorMemberId) {
    return {
      kind: "member",
      id: message.authorMemberId,
      name: message.authorName ?? message.authorEmail ?? "Former member",
      image: message.authorImage,
    };
  }
  if (message.authorAgentId) {
    return {
      kind: "agent",
      id: message.authorAgentId,
      name: message.authorAgentName ?? "AI agent",
      avatar: message.authorAgentAvatar ?? "🤖",
    };
  }
  return null;
}
export type ConversationDetail = Awaited<ReturnType<typeof getConversation>>;
