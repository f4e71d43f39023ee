import "server-only";
import { and, asc, desc, eq, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import {
  type AgentTurn,
  agentSessions,
  agentTurns,
  aiAgents,
  type Conversation,
  contacts,
  conversations,
  type Message,
  messages,
} from "@/db/schema";
import { endSessionLocked } from "@/lib/assignment/agent-sessions";
import { emitAgentTyping } from "@/lib/realtime/emit-agent-typing";
import { findWorkspaceById } from "@/lib/workspaces/queries";
import { writeAgentMessage } from "./agent-message";
import { agentKnowledgeFor } from "./knowledge-cache";
import {
  type AgentDecision,
  type Responder,
  ResponderError,
  type TranscriptLine,
} from "./responder";

/** How much of the conversation a responder sees before the message it answers. */
const TRANSCRIPT_MESSAGES = 20;
/** How long a responder may take before the turn hands off with reason `error`. */
const RESPOND_TIMEOUT_MS = 60_000;

export const turnKeyOf = (messageId: string) => `message:${messageId}`;

/**
 * A customer wrote during an agent session: in the message's transaction, the agent owes one
 * answer (a pending turn). A session past its maximum length ends here instead (`expired`) and
 * the conversation goes to people. Returns the turn's key for the job, or null.
 */
export async function queueAgentTurn(
  tx: Database,
  { conversation, message, now }: { conversation: Conversation; message: Message; now: Date },
): Promise<string | null> {
  if (!conversation.agentSessionId) return null;
  const [session] = await tx
    .select()
    .from(agentSessions)
    .where(and(eq(agentSessions.id, conversation.agentSessionId), isNull(agentSessions.endedAt)));
  if (!session) return null;
  if (session.expiresAt <= now) {
    const workspace = await findWorkspaceById(tx, conversation.workspaceId);
    await endSessionLocked(tx, {
      workspace,
      conversation,
      reason: "expired",
      detail: null,
      actorMemberId: null,
      now,
    });
    return null;
  }
  const key = turnKeyOf(message.id);
  await tx
    .insert(agentTurns)
    .values({
      key,
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      sessionId: session.id,
      inboundMessageId: message.id,
      createdAt: now,
    })
    .onConflictDoNothing();
  return key;
}

export type TurnOutcome =
  | { kind: "replied"; messageId: string }
  | { kind: "handed_off"; reason: string }
  | { kind: "dropped"; reason: string }
  /** Another run finished this turn first (a retry, a second worker). */
  | { kind: "already_done" };

/**
 * Answers one turn, once however often it runs: the responder works outside any transaction,
 * then one transaction locks the conversation and the turn, and writes the reply (or the
 * handoff) only if the turn is still pending and its session still active. Concurrent runs
 * may both ask the responder; only the first to commit speaks. An answer that arrives after
 * the session ended is dropped. A responder failure hands off with reason `error`.
 */
export async function answerTurn(
  db: Database,
  {
    key,
    responder,
    now = () => new Date(),
  }: { key: string; responder: Responder; now?: () => Date },
): Promise<TurnOutcome> {
  const [loaded] = await db
    .select({ turn: agentTurns, session: agentSessions, agent: aiAgents })
    .from(agentTurns)
    .innerJoin(agentSessions, eq(agentSessions.id, agentTurns.sessionId))
    .innerJoin(aiAgents, eq(aiAgents.id, agentSessions.agentId))
    .where(eq(agentTurns.key, key));
  if (!loaded) return { kind: "already_done" };
  const { turn, session, agent } = loaded;
  if (turn.status !== "pending") return { kind: "already_done" };
  if (session.endedAt || session.expiresAt <= now()) {
    return finish(db, { key, decision: null, agent, responderName: responder.name, now: now() });
  }

  const [conversation] = await db
    .select()
    .from(conversations)
    .where(eq(conversations.id, turn.conversationId));
  if (!conversation) return { kind: "already_done" };
  await db
    .update(agentTurns)
    .set({ attempts: turn.attempts + 1 })
    .where(eq(agentTurns.key, key));

  const typing = startTyping(db, conversation, agent.name);
  let decision: AgentDecision;
  try {
    const input = await responderInput(db, { conversation, agent, turn });
    decision = await responder.respond(input, { signal: AbortSignal.timeout(RESPOND_TIMEOUT_MS) });
  } catch (error) {
    if (!(error instanceof ResponderError) && !isAbort(error)) {
      await typing.stop();
      throw error;
    }
    console.error(`[agents] ${responder.name} failed on ${key}; handing off`, error);
    decision = { kind: "handoff", reason: `The AI model failed: ${errorText(error)}` };
    return finishAfter(typing, () =>
      finish(db, {
        key,
        decision,
        agent,
        responderName: responder.name,
        now: now(),
        error: true,
      }),
    );
  }
  return finishAfter(typing, () =>
    finish(db, { key, decision, agent, responderName: responder.name, now: now() }),
  );
}

/**
 * Hands a turn to the humans because its job gave up: every attempt failed on something other
 * than the model (which hands off at once), and pg-boss keeps the failed job under the
 * customer message's id, so sending it again would be a no-op. Without this the customer would
 * wait for the session to expire. A turn finished meanwhile is left as it is.
 */
export async function handOffStuckTurn(
  db: Database,
  { key, reason, now = new Date() }: { key: string; reason: string; now?: Date },
): Promise<TurnOutcome> {
  const [loaded] = await db
    .select({ id: aiAgents.id, name: aiAgents.name })
    .from(agentTurns)
    .innerJoin(agentSessions, eq(agentSessions.id, agentTurns.sessionId))
    .innerJoin(aiAgents, eq(aiAgents.id, agentSessions.agentId))
    .where(eq(agentTurns.key, key));
  if (!loaded) return { kind: "already_done" };
  return finish(db, {
    key,
    decision: { kind: "handoff", reason },
    agent: loaded,
    responderName: "sweep",
    now,
    error: true,
  });
}

async function finishAfter(
  typing: { stop: () => Promise<void> },
  run: () => Promise<TurnOutcome>,
): Promise<TurnOutcome> {
  try {
    return await run();
  } finally {
    await typing.stop();
  }
}

/** Whether the session already answered a customer message newer than `turn`'s. */
async function laterTurnReplied(tx: Database, turn: AgentTurn): Promise<boolean> {
  if (!turn.inboundMessageId) return false;
  const mine = alias(messages, "mine");
  const [later] = await tx
    .select({ key: agentTurns.key })
    .from(agentTurns)
    .innerJoin(messages, eq(messages.id, agentTurns.inboundMessageId))
    .innerJoin(mine, eq(mine.id, turn.inboundMessageId))
    .where(
      and(
        eq(agentTurns.sessionId, turn.sessionId),
        ne(agentTurns.key, turn.key),
        eq(agentTurns.status, "replied"),
        sql`(${messages.createdAt}, ${messages.id}) > (${mine.createdAt}, ${mine.id})`,
      ),
    )
    .limit(1);
  return later !== undefined;
}

/** The transaction that makes a turn's outcome real, or finds it already decided. */
async function finish(
  db: Database,
  {
    key,
    decision,
    agent,
    responderName,
    now,
    error = false,
  }: {
    key: string;
    decision: AgentDecision | null;
    agent: { id: string; name: string };
    responderName: string;
    now: Date;
    error?: boolean;
  },
): Promise<TurnOutcome> {
  return db.transaction(async (tx) => {
    const [pending] = await tx
      .select({ conversationId: agentTurns.conversationId, sessionId: agentTurns.sessionId })
      .from(agentTurns)
      .where(eq(agentTurns.key, key));
    if (!pending) return { kind: "already_done" } as const;
    // Conversation first, then the turn: the order every writer of the conversation keeps.
    const [conversation] = await tx
      .select()
      .from(conversations)
      .where(eq(conversations.id, pending.conversationId))
      .for("update");
    const [turn] = await tx.select().from(agentTurns).where(eq(agentTurns.key, key)).for("update");
    if (!conversation || !turn || turn.status !== "pending")
      return { kind: "already_done" } as const;
    const settle = (
      status: "replied" | "handed_off" | "dropped",
      detail: string | null,
      replyMessageId: string | null = null,
    ) =>
      tx
        .update(agentTurns)
        .set({ status, detail, replyMessageId, finishedAt: now })
        .where(eq(agentTurns.key, key));

    const [session] = await tx
      .select()
      .from(agentSessions)
      .where(eq(agentSessions.id, turn.sessionId));
    // An answer that comes back after the session's length is not sent: the session expires.
    const active =
      session &&
      session.endedAt === null &&
      session.expiresAt > now &&
      conversation.agentSessionId === session.id &&
      conversation.status === "open";
    if (!active || !decision) {
      const reason = !session || session.endedAt ? "the session had ended" : "the session expired";
      if (session && session.endedAt === null && session.expiresAt <= now) {
        const workspace = await findWorkspaceById(tx, conversation.workspaceId);
        await endSessionLocked(tx, {
          workspace,
          conversation,
          reason: "expired",
          detail: null,
          actorMemberId: null,
          now,
        });
      }
      await settle("dropped", reason);
      return { kind: "dropped", reason } as const;
    }

    // With several workers a newer message's turn may finish first. Its answer was made with
    // this message in its transcript; sending this one now would reach the customer out of
    // order, so it is dropped. A handoff still goes through: it needs a person.
    if (decision.kind === "reply" && (await laterTurnReplied(tx, turn))) {
      const reason = "a newer customer message was answered first";
      await settle("dropped", reason);
      return { kind: "dropped", reason } as const;
    }

    const workspace = await findWorkspaceById(tx, conversation.workspaceId);
    if (decision.kind === "reply") {
      const reply = await writeAgentMessage(tx, {
        workspace,
        conversation,
        agent,
        body: decision.reply,
        now,
        answered: turn.inboundMessageId,
      });
      await settle("replied", responderName, reply.id);
      return { kind: "replied", messageId: reply.id } as const;
    }
    await endSessionLocked(tx, {
      workspace,
      conversation,
      reason: error ? "error" : "handoff",
      detail: decision.reason,
      actorMemberId: null,
      now,
    });
    await settle("handed_off", decision.reason);
    return { kind: "handed_off", reason: decision.reason } as const;
  });
}

/** The agent's instructions and knowledge, the recent conversation, and the message. */
async function responderInput(
  db: Database,
  {
    conversation,
    agent,
    turn,
  }: {
    conversation: Conversation;
    agent: { id: string; name: string; instructions: string };
    turn: { inboundMessageId: string | null };
  },
) {
  const [knowledge, recent, [contact]] = await Promise.all([
    agentKnowledgeFor(db, agent.id),
    db
      .select({
        id: messages.id,
        kind: messages.kind,
        body: messages.body,
        authorAgentId: messages.authorAgentId,
        createdAt: messages.createdAt,
      })
      .from(messages)
      .where(
        and(
          eq(messages.conversationId, conversation.id),
          inArray(messages.kind, ["inbound", "outbound"]),
          // Up to the message this turn answers, however many came after it: the page read
          // always holds it (it once read the newest only and could miss it, answering "").
          turn.inboundMessageId
            ? sql`(${messages.createdAt}, ${messages.id}) <= (select m.created_at, m.id from ${messages} m where m.id = ${turn.inboundMessageId})`
            : undefined,
        ),
      )
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(TRANSCRIPT_MESSAGES + 10),
    db
      .select({ name: contacts.name })
      .from(contacts)
      .where(eq(contacts.id, conversation.contactId)),
  ]);
  const thread = recent.reverse();
  const index = thread.findIndex((message) => message.id === turn.inboundMessageId);
  const target = index >= 0 ? thread[index] : undefined;
  const before = (index >= 0 ? thread.slice(0, index) : thread).slice(-TRANSCRIPT_MESSAGES);
  const transcript: TranscriptLine[] = before.map((message) => ({
    from: message.kind === "inbound" ? "customer" : message.authorAgentId ? "agent" : "member",
    body: message.body,
  }));
  return {
    agent: { name: agent.name, instructions: agent.instructions },
    knowledge,
    transcript,
    message: target?.body ?? "",
    contactName: contact?.name ?? null,
  };
}

/** "{Agent} is typing…" in the inbox and the widget while the responder works. */
function startTyping(db: Database, conversation: Conversation, agentName: string) {
  const send = (typing: boolean) =>
    emitAgentTyping(db, { conversation, agentName, typing }).catch((error: unknown) =>
      console.error("[agents] typing signal failed", error),
    );
  void send(true);
  // The widget forgets a typist after a few seconds of silence: repeat while working.
  const timer = setInterval(() => void send(true), 3_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await send(false);
    },
  };
}

const isAbort = (error: unknown) =>
  error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");

const errorText = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, 200);

/**
 * Turns still pending after `olderThanMs` (a job lost between commit and send, or a process
 * that died mid-answer), oldest first, however old: the sweep sends their jobs again, or hands
 * the ones too old for a late answer to the humans (agent-worker.ts).
 */
export async function stalePendingTurns(
  db: Database,
  { olderThanMs, now = new Date() }: { olderThanMs: number; now?: Date },
): Promise<{ key: string; inboundMessageId: string | null; createdAt: Date }[]> {
  return db
    .select({
      key: agentTurns.key,
      inboundMessageId: agentTurns.inboundMessageId,
      createdAt: agentTurns.createdAt,
    })
    .from(agentTurns)
    .where(
      and(
        eq(agentTurns.status, "pending"),
        lt(agentTurns.createdAt, new Date(now.getTime() - olderThanMs)),
      ),
    )
    .orderBy(asc(agentTurns.createdAt))
    .limit(100);
}
