import { MockLanguageModelV3 } from "ai/test";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import { beforeAll, describe, expect, it } from "vitest";
import { getConnection } from "@/db/client";
import {
  agentKnowledge,
  agentSessions,
  agentTurns,
  aiAgents,
  conversations,
  messages,
  teamMembers,
  teams,
} from "@/db/schema";
import { answerTurn, turnKeyOf } from "@/lib/agents/agent-turns";
import { startAgentWorker, sweepOnce } from "@/lib/agents/agent-worker";
import { builtinResponder } from "@/lib/agents/builtin-responder";
import { deleteAgent } from "@/lib/agents/manage-agents";
import { createModelResponder } from "@/lib/agents/model-responder";
import { type AgentDecision, type Responder, ResponderError } from "@/lib/agents/responder";
import { responderFromEnv } from "@/lib/agents/responder-config";
import { assignAgent, endAgentSession, expireAgentSessions } from "@/lib/assignment/agent-sessions";
import {
  assignMember,
  assignTeam,
  setAssignmentDisabled,
} from "@/lib/assignment/assign-conversation";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { sendMessage } from "@/lib/conversations/send-message";
import { AppError } from "@/lib/errors";
import { getBoss, queues } from "@/lib/jobs/boss";
import {
  type AssignmentWorld,
  arrive,
  buildWorld,
  close,
  eventsOf,
  online,
  viewerOf,
  who,
} from "../support/assignment-world";
import { startOpenAiStandIn } from "../support/openai-stand-in";

/**
 * AI agents end to end against a real database: a session starts through lib/assignment, each
 * customer message during it becomes one turn answered by a responder (built-in, the AI SDK's
 * mock model, or an OpenAI-compatible stand-in over HTTP), exactly once under retries and
 * concurrent workers; handoffs route to the agent's team; late answers are dropped.
 */

const knowledge = [
  {
    kind: "qa" as const,
    title: "What are your opening hours?",
    body: "We are open Monday to Friday, 9:00 to 17:00.",
  },
  {
    kind: "qa" as const,
    title: "How do I reset my password?",
    body: "Click 'Forgot password' on the sign-in page and follow the email.",
  },
  {
    kind: "qa" as const,
    title: "How long does shipping take?",
    body: "Orders ship within 2 business days and arrive in 3 to 5 days.",
  },
];

let world: AssignmentWorld;
let supportTeamId: string;

async function createAgent(
  overrides: Partial<typeof aiAgents.$inferInsert> = {},
): Promise<{ id: string; name: string }> {
  const [agent] = await world.db
    .insert(aiAgents)
    .values({
      workspaceId: world.workspaceId,
      name: `Ava ${Math.random().toString(36).slice(2, 7)}`,
      avatar: "🤖",
      instructions: "You are friendly and brief. Never promise refunds.",
      handoffTeamId: supportTeamId,
      sendInitialMessage: true,
      initialMessage: "Hi! I'm Ava, the virtual assistant. How can I help?",
      ...overrides,
    })
    .returning();
  if (!agent) throw new Error("agent insert returned nothing");
  await world.db
    .insert(agentKnowledge)
    .values(
      knowledge.map((entry) => ({ ...entry, agentId: agent.id, workspaceId: world.workspaceId })),
    );
  return agent;
}

async function customerSays(handle: string, body: string) {
  return receiveInboundMessage(world.db, {
    workspaceId: world.workspaceId,
    channel: "api",
    handle,
    body,
  });
}

async function threadOf(conversationId: string) {
  return world.db
    .select({
      kind: messages.kind,
      body: messages.body,
      authorAgentId: messages.authorAgentId,
      authorMemberId: messages.authorMemberId,
    })
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.createdAt), asc(messages.id));
}

async function conversationOf(conversationId: string) {
  const [row] = await world.db
    .select()
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  if (!row) throw new Error("conversation vanished");
  return row;
}

async function sessionsOf(conversationId: string) {
  return world.db
    .select()
    .from(agentSessions)
    .where(eq(agentSessions.conversationId, conversationId))
    .orderBy(asc(agentSessions.startedAt));
}

/** An unassigned conversation handled by a fresh agent (greeting sent). */
async function handledConversation(agentOverrides: Partial<typeof aiAgents.$inferInsert> = {}) {
  const agent = await createAgent(agentOverrides);
  const conversation = await arrive(world);
  await assignAgent(world.db, {
    viewer: await viewerOf(world),
    conversationId: conversation.id,
    agentId: agent.id,
  });
  return { agent, conversation, handle: conversation.handle };
}

/** The sweep handed the turn for this message to the humans: session ended with `error`. */
async function expectHandedOff(conversationId: string, messageId: string, detail: RegExp) {
  const [session] = await sessionsOf(conversationId);
  expect(session?.endReason).toBe("error");
  expect(session?.endDetail).toMatch(detail);
  expect((await conversationOf(conversationId)).agentSessionId).toBeNull();
  const [turn] = await world.db
    .select()
    .from(agentTurns)
    .where(eq(agentTurns.key, turnKeyOf(messageId)));
  expect(turn?.status).toBe("handed_off");
}

/** A responder that waits until released, to hold an answer in flight. */
function heldResponder(decision: AgentDecision) {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let calls = 0;
  const responder: Responder = {
    name: "held",
    async respond() {
      calls += 1;
      await released;
      return decision;
    },
  };
  return { responder, release, calls: () => calls };
}

async function errorOf(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  world = await buildWorld({ people: { Sam: "agent", Alex: "agent", Kim: "agent" } });
  const [team] = await world.db
    .insert(teams)
    .values({ workspaceId: world.workspaceId, name: "Support", routingMode: "balanced" })
    .returning();
  if (!team) throw new Error("team insert returned nothing");
  supportTeamId = team.id;
  await world.db.insert(teamMembers).values([
    { teamId: team.id, memberId: who(world, "Sam").member.id },
    { teamId: team.id, memberId: who(world, "Alex").member.id },
  ]);
  await online(world, "Sam", "Alex");
});

describe("agent sessions", () => {
  it("assigning an agent starts a session and sends its initial message", async () => {
    const { agent, conversation } = await handledConversation();
    const current = await conversationOf(conversation.id);
    const [session] = await sessionsOf(conversation.id);
    expect(session?.agentId).toBe(agent.id);
    expect(current.agentSessionId).toBe(session?.id);
    expect(session?.startedByMemberId).toBe(world.admin.member.id);
    const thread = await threadOf(conversation.id);
    expect(thread.at(-1)).toMatchObject({
      kind: "outbound",
      authorAgentId: agent.id,
      body: "Hi! I'm Ava, the virtual assistant. How can I help?",
    });
    const events = await eventsOf(world, conversation.id);
    expect(events.map((event) => event.type)).toContain("agent_session_started");
  });

  it("without the initial message the agent waits for the customer", async () => {
    const agent = await createAgent();
    const conversation = await arrive(world);
    await assignAgent(world.db, {
      viewer: await viewerOf(world),
      conversationId: conversation.id,
      agentId: agent.id,
      sendInitialMessage: false,
    });
    const thread = await threadOf(conversation.id);
    expect(thread.filter((message) => message.authorAgentId)).toHaveLength(0);
  });

  it("refuses a second agent, group conversations, switched-off assignment and other roles", async () => {
    const { conversation } = await handledConversation();
    const other = await createAgent();
    const viewer = await viewerOf(world);
    const second = await errorOf(
      assignAgent(world.db, { viewer, conversationId: conversation.id, agentId: other.id }),
    );
    expect(second).toBeInstanceOf(AppError);
    expect((second as AppError).code).toBe("conflict");
    expect((second as AppError).message).toMatch(/already handling this conversation/);

    const group = await arrive(world);
    await world.db
      .update(conversations)
      .set({ kind: "group" })
      .where(eq(conversations.id, group.id));
    const refusedGroup = await errorOf(
      assignAgent(world.db, { viewer, conversationId: group.id, agentId: other.id }),
    );
    expect((refusedGroup as AppError).message).toMatch(/Group conversations/);

    const off = await arrive(world);
    await setAssignmentDisabled(world.db, { viewer, conversationId: off.id, disabled: true });
    const refusedOff = await errorOf(
      assignAgent(world.db, { viewer, conversationId: off.id, agentId: other.id }),
    );
    expect((refusedOff as AppError).message).toMatch(/Assignment is turned off/);

    // An Agent may hand only their own conversation to an AI agent.
    const notTheirs = await arrive(world);
    const refusedAgent = await errorOf(
      assignAgent(world.db, {
        viewer: await viewerOf(world, "Kim"),
        conversationId: notTheirs.id,
        agentId: other.id,
      }),
    );
    expect((refusedAgent as AppError).code).toBe("forbidden");
    const sessions = await world.db
      .select()
      .from(agentSessions)
      .where(eq(agentSessions.conversationId, notTheirs.id));
    expect(sessions).toHaveLength(0);
  });

  it("the banner's X and Unassign agent end the session with their reasons", async () => {
    const viewer = await viewerOf(world);
    const first = await handledConversation();
    await endAgentSession(world.db, {
      viewer,
      conversationId: first.conversation.id,
      reason: "ended_by_member",
    });
    const second = await handledConversation();
    await endAgentSession(world.db, {
      viewer,
      conversationId: second.conversation.id,
      reason: "unassigned",
    });
    const [endedByMember] = await sessionsOf(first.conversation.id);
    const [unassigned] = await sessionsOf(second.conversation.id);
    expect(endedByMember?.endReason).toBe("ended_by_member");
    expect(endedByMember?.endedByMemberId).toBe(world.admin.member.id);
    expect(unassigned?.endReason).toBe("unassigned");
    expect((await conversationOf(first.conversation.id)).agentSessionId).toBeNull();
    const events = await eventsOf(world, second.conversation.id);
    expect(events.at(-1)).toMatchObject({
      type: "agent_session_ended",
      data: { reason: "unassigned" },
    });

    // The next customer message gets no AI answer.
    const after = await customerSays(first.handle, "Are you still there?");
    const turns = await world.db
      .select()
      .from(agentTurns)
      .where(eq(agentTurns.inboundMessageId, after.message.id));
    expect(turns).toHaveLength(0);
  });

  it("closing ends the session (closed); past its length it expires and goes to people", async () => {
    const closing = await handledConversation();
    await close(world, closing.conversation.id);
    expect((await sessionsOf(closing.conversation.id))[0]?.endReason).toBe("closed");

    const expiring = await handledConversation({ maxSessionMinutes: 60 });
    const later = new Date(Date.now() + 61 * 60_000);
    expect(await expireAgentSessions(world.db, { now: later })).toBeGreaterThanOrEqual(1);
    expect((await sessionsOf(expiring.conversation.id))[0]?.endReason).toBe("expired");
    // Nobody owned it: like a handoff, it goes to the agent's handoff team (Support, balanced)
    // and one of its online members gets it.
    const current = await conversationOf(expiring.conversation.id);
    expect(current.agentSessionId).toBeNull();
    expect(current.teamId).toBe(supportTeamId);
    expect([who(world, "Sam").member.id, who(world, "Alex").member.id]).toContain(
      current.assigneeId,
    );
  });

  it("a member who takes the agent off an unowned conversation leaves it to routing, not to no one", async () => {
    const viewer = await viewerOf(world);
    const support = [who(world, "Sam").member.id, who(world, "Alex").member.id];
    // The AI handles a Support conversation nobody owns (routing waits while it does).
    const handled = await handledConversation();
    await assignTeam(world.db, {
      viewer,
      conversationId: handled.conversation.id,
      teamId: supportTeamId,
    });
    expect(await conversationOf(handled.conversation.id)).toMatchObject({
      teamId: supportTeamId,
      assigneeId: null,
    });
    await endAgentSession(world.db, {
      viewer,
      conversationId: handled.conversation.id,
      reason: "ended_by_member",
    });
    const after = await conversationOf(handled.conversation.id);
    expect(after.agentSessionId).toBeNull();
    expect(support).toContain(after.assigneeId);
    expect((await eventsOf(world, handled.conversation.id)).at(-1)).toMatchObject({
      type: "routed",
      data: { to: after.assigneeId, trigger: "agent_ended" },
    });

    // In a manual pool it waits in Unassigned, where anyone may claim it, and keeps its team.
    const manual = await handledConversation();
    await endAgentSession(world.db, {
      viewer,
      conversationId: manual.conversation.id,
      reason: "unassigned",
    });
    expect(await conversationOf(manual.conversation.id)).toMatchObject({
      agentSessionId: null,
      assigneeId: null,
      teamId: null,
    });
  });
});

describe("deleting an agent while it is being assigned", () => {
  it("never leaves an active session of a deleted agent", async () => {
    const viewer = await viewerOf(world);
    for (let round = 0; round < 8; round++) {
      const agent = await createAgent({ sendInitialMessage: false });
      const conversation = await arrive(world);
      const [assigned, deleted] = await Promise.allSettled([
        assignAgent(world.db, { viewer, conversationId: conversation.id, agentId: agent.id }),
        deleteAgent(world.db, {
          workspaceId: world.workspaceId,
          actorMemberId: world.admin.member.id,
          agentId: agent.id,
        }),
      ]);
      expect(deleted.status).toBe("fulfilled");
      if (assigned.status === "rejected") {
        expect((assigned.reason as AppError).code).toBe("not_found");
      }
      const active = await world.db
        .select()
        .from(agentSessions)
        .where(and(eq(agentSessions.agentId, agent.id), isNull(agentSessions.endedAt)));
      expect(active).toHaveLength(0);
      expect((await conversationOf(conversation.id)).agentSessionId).toBeNull();
    }
  });
});

describe("answering", () => {
  it("never answers a customer's messages out of order, and keeps them waiting for the rest", async () => {
    const echo: Responder = {
      name: "echo",
      respond: async (input) => ({ kind: "reply", reply: `Re: ${input.message}` }),
    };
    const answer = (id: string) => answerTurn(world.db, { key: turnKeyOf(id), responder: echo });
    const { conversation, handle } = await handledConversation();
    const first = await customerSays(handle, "Hi there");
    const second = await customerSays(handle, "When are you open?");
    // The second message's turn finishes first (another worker took it): it answers…
    expect((await answer(second.message.id)).kind).toBe("replied");
    // …and the first one's answer, coming back later, is not sent after it.
    expect(await answer(first.message.id)).toEqual({
      kind: "dropped",
      reason: "a newer customer message was answered first",
    });
    const thread = await threadOf(conversation.id);
    expect(thread.slice(2).map((line) => line.body)).toEqual([
      "Hi there",
      "When are you open?",
      "Re: When are you open?",
    ]);

    // In order, each message is answered; after the first answer the customer still waits
    // for the second, from when they wrote it.
    const again = await handledConversation();
    const hello = await customerSays(again.handle, "Hello");
    const question = await customerSays(again.handle, "When are you open?");
    expect((await answer(hello.message.id)).kind).toBe("replied");
    expect((await conversationOf(again.conversation.id)).waitingSince).toEqual(
      question.message.createdAt,
    );
    expect((await answer(question.message.id)).kind).toBe("replied");
    expect((await conversationOf(again.conversation.id)).waitingSince).toBeNull();
    expect((await threadOf(again.conversation.id)).slice(2).map((line) => line.body)).toEqual([
      "Hello",
      "When are you open?",
      "Re: Hello",
      "Re: When are you open?",
    ]);
  });

  it("does not send an answer that comes back after the session's length; the session expires", async () => {
    const { conversation, handle } = await handledConversation({ maxSessionMinutes: 60 });
    const { message } = await customerSays(handle, "When are you open?");
    const late = new Date(Date.now() + 61 * 60_000);
    let calls = 0;
    const outcome = await answerTurn(world.db, {
      key: turnKeyOf(message.id),
      responder: builtinResponder,
      // The session is live when the turn starts; the answer comes back after its length.
      now: () => (calls++ === 0 ? new Date() : late),
    });
    expect(outcome.kind).toBe("dropped");
    expect((await sessionsOf(conversation.id))[0]?.endReason).toBe("expired");
    const replies = (await threadOf(conversation.id)).filter(
      (line) => line.kind === "outbound" && line.body.includes("Monday"),
    );
    expect(replies).toEqual([]);
  });

  it("the built-in responder answers a known question once, authored by the agent", async () => {
    const { agent, conversation, handle } = await handledConversation();
    const { message } = await customerSays(handle, "When are you open?");
    const key = turnKeyOf(message.id);
    const outcome = await answerTurn(world.db, { key, responder: builtinResponder });
    expect(outcome.kind).toBe("replied");
    // A retried job finds the turn done and says nothing more.
    expect(await answerTurn(world.db, { key, responder: builtinResponder })).toEqual({
      kind: "already_done",
    });
    const replies = (await threadOf(conversation.id)).filter(
      (line) => line.authorAgentId === agent.id,
    );
    expect(replies.map((line) => line.body)).toEqual([
      "Hi! I'm Ava, the virtual assistant. How can I help?",
      "We are open Monday to Friday, 9:00 to 17:00.",
    ]);
    const current = await conversationOf(conversation.id);
    expect(current.waitingSince).toBeNull();
  });

  it("two workers racing on one turn produce exactly one reply", async () => {
    const { agent, conversation, handle } = await handledConversation({
      sendInitialMessage: false,
    });
    const { message } = await customerSays(handle, "How long does shipping take?");
    const key = turnKeyOf(message.id);
    const held = heldResponder({ kind: "reply", reply: "Two to five days." });
    const first = answerTurn(world.db, { key, responder: held.responder });
    const second = answerTurn(world.db, { key, responder: held.responder });
    await waitUntil(() => held.calls() === 2);
    held.release();
    const outcomes = await Promise.all([first, second]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(["already_done", "replied"]);
    const replies = (await threadOf(conversation.id)).filter(
      (line) => line.authorAgentId === agent.id,
    );
    expect(replies).toHaveLength(1);
  });

  it("an answer that arrives after the session ended is dropped", async () => {
    const { agent, conversation, handle } = await handledConversation({
      sendInitialMessage: false,
    });
    const { message } = await customerSays(handle, "What are your opening hours?");
    const held = heldResponder({ kind: "reply", reply: "We are open 9 to 5." });
    const answering = answerTurn(world.db, {
      key: turnKeyOf(message.id),
      responder: held.responder,
    });
    await waitUntil(() => held.calls() === 1);
    await endAgentSession(world.db, {
      viewer: await viewerOf(world),
      conversationId: conversation.id,
      reason: "ended_by_member",
    });
    held.release();
    expect((await answering).kind).toBe("dropped");
    const replies = (await threadOf(conversation.id)).filter(
      (line) => line.authorAgentId === agent.id,
    );
    expect(replies).toHaveLength(0);
    const [turn] = await world.db
      .select()
      .from(agentTurns)
      .where(eq(agentTurns.key, turnKeyOf(message.id)));
    expect(turn?.status).toBe("dropped");
  });

  it("asking for a person hands off to the least-loaded online member of the handoff team", async () => {
    // Alex already carries a conversation; Sam carries none.
    const busy = await arrive(world);
    await assignMember(world.db, {
      viewer: await viewerOf(world),
      conversationId: busy.id,
      memberId: who(world, "Alex").member.id,
    });
    const { conversation, handle } = await handledConversation();
    const { message } = await customerSays(handle, "I want to talk to a real person please");
    const outcome = await answerTurn(world.db, {
      key: turnKeyOf(message.id),
      responder: builtinResponder,
    });
    expect(outcome.kind).toBe("handed_off");
    const [session] = await sessionsOf(conversation.id);
    expect(session?.endReason).toBe("handoff");
    expect(session?.endDetail).toMatch(/person/i);
    const current = await conversationOf(conversation.id);
    expect(current.teamId).toBe(supportTeamId);
    expect(current.assigneeId).toBe(who(world, "Sam").member.id);
    expect(current.agentSessionId).toBeNull();
    const events = await eventsOf(world, conversation.id);
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(["agent_session_ended", "team_assigned", "routed"]),
    );
    const routed = events.find((event) => event.type === "routed");
    expect(routed?.data).toMatchObject({ trigger: "handoff" });
    await close(world, busy.id);
    await close(world, conversation.id);
  });

  it("a model failure after retries hands off with reason error", async () => {
    const { conversation, handle } = await handledConversation({ sendInitialMessage: false });
    const { message } = await customerSays(handle, "How do I reset my password?");
    const failing: Responder = {
      name: "failing",
      async respond() {
        throw new ResponderError("model unreachable after 3 attempts");
      },
    };
    const outcome = await answerTurn(world.db, { key: turnKeyOf(message.id), responder: failing });
    expect(outcome.kind).toBe("handed_off");
    const [session] = await sessionsOf(conversation.id);
    expect(session?.endReason).toBe("error");
    expect(session?.endDetail).toMatch(/model unreachable/);
    await close(world, conversation.id);
  });

  it("a member may reply during a session; the agent keeps answering", async () => {
    const { agent, conversation, handle } = await handledConversation({
      sendInitialMessage: false,
    });
    await sendMessage(world.db, {
      viewer: await viewerOf(world),
      conversationId: conversation.id,
      body: "Dana here, the assistant will help you in a second.",
      note: false,
    });
    const current = await conversationOf(conversation.id);
    expect(current.agentSessionId).not.toBeNull();
    // The session stays: self-assign on reply leaves a conversation an agent is handling alone.
    const { message } = await customerSays(handle, "How do I reset my password?");
    const outcome = await answerTurn(world.db, {
      key: turnKeyOf(message.id),
      responder: builtinResponder,
    });
    expect(outcome.kind).toBe("replied");
    const replies = (await threadOf(conversation.id)).filter(
      (line) => line.authorAgentId === agent.id,
    );
    expect(replies.at(-1)?.body).toMatch(/Forgot password/);
  });
});

describe("responders on the full path", () => {
  it("the AI SDK's mock model decides the reply", async () => {
    const { agent, conversation, handle } = await handledConversation({
      sendInitialMessage: false,
    });
    const { message } = await customerSays(handle, "Do you ship to Canada?");
    const prompts: string[] = [];
    const model = new MockLanguageModelV3({
      doGenerate: async (options) => {
        prompts.push(JSON.stringify(options.prompt));
        return {
          content: [
            {
              type: "text",
              text: JSON.stringify({ action: "reply", reply: "Yes, we ship to Canada." }),
            },
          ],
          finishReason: { unified: "stop", raw: "stop" },
          usage: {
            inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 },
            outputTokens: { total: 5, text: 5, reasoning: 0 },
          },
          warnings: [],
        };
      },
    });
    const responder = createModelResponder({ model, modelName: "mock" });
    const outcome = await answerTurn(world.db, { key: turnKeyOf(message.id), responder });
    expect(outcome.kind).toBe("replied");
    expect(prompts[0]).toContain("Never promise refunds");
    expect(prompts[0]).toContain("Do you ship to Canada?");
    const replies = (await threadOf(conversation.id)).filter(
      (line) => line.authorAgentId === agent.id,
    );
    expect(replies.at(-1)?.body).toBe("Yes, we ship to Canada.");
  });

  it("an OpenAI-compatible endpoint answers and hands off through the worker and pg-boss", async () => {
    const standIn = await startOpenAiStandIn({ apiKey: "sk-test-key", model: "switchboard-test" });
    const responder = responderFromEnv({
      AI_BASE_URL: standIn.url,
      AI_MODEL: "switchboard-test",
      AI_API_KEY: "sk-test-key",
      AI_MAX_RETRIES: "0",
    });
    const worker = await startAgentWorker({ db: world.db, responder, sweep: false });
    try {
      standIn.respondWith((request) => {
        const last = request.messages.filter((line) => line.role === "user").at(-1);
        const text =
          typeof last?.content === "string" ? last.content : JSON.stringify(last?.content);
        return {
          content: JSON.stringify(
            /human/i.test(text)
              ? { action: "handoff", reason: "Wants a human for a refund." }
              : { action: "reply", reply: "Shipping takes 3 to 5 days." },
          ),
        };
      });
      const { agent, conversation, handle } = await handledConversation({
        sendInitialMessage: false,
      });
      await customerSays(handle, "How long does shipping take?");
      await waitUntil(async () => {
        const replies = (await threadOf(conversation.id)).filter(
          (line) => line.authorAgentId === agent.id,
        );
        return replies.length === 1;
      });
      expect(standIn.requests[0]?.authorization).toBe("Bearer sk-test-key");
      expect(JSON.stringify(standIn.requests[0]?.body)).toContain("switchboard-test");

      await customerSays(handle, "Let me speak to a human about my refund");
      await waitUntil(async () => (await sessionsOf(conversation.id))[0]?.endReason === "handoff");
      expect((await sessionsOf(conversation.id))[0]?.endDetail).toBe("Wants a human for a refund.");
      await close(world, conversation.id);
    } finally {
      await worker.stop();
      await standIn.close();
    }
  });
});

describe("a failing model on the full path", () => {
  it("hands off with reason error after the stand-in keeps answering 500", async () => {
    const standIn = await startOpenAiStandIn({ apiKey: "sk-test-key", model: "switchboard-test" });
    standIn.respondWith(() => ({
      status: 500,
      body: { error: { message: "upstream overloaded", type: "server_error" } },
      headers: { "retry-after-ms": "10" },
    }));
    const responder = responderFromEnv({
      AI_BASE_URL: standIn.url,
      AI_MODEL: "switchboard-test",
      AI_API_KEY: "sk-test-key",
      AI_MAX_RETRIES: "1",
    });
    const worker = await startAgentWorker({ db: world.db, responder, sweep: false });
    try {
      const { agent, conversation, handle } = await handledConversation({
        sendInitialMessage: false,
      });
      await customerSays(handle, "Is anyone there?");
      await waitUntil(async () => (await sessionsOf(conversation.id))[0]?.endReason === "error");
      // One call and its one retry, then the handoff; the customer got no answer from the agent.
      expect(standIn.requests).toHaveLength(2);
      const [session] = await sessionsOf(conversation.id);
      expect(session?.endDetail).toMatch(/The AI model failed/);
      const replies = (await threadOf(conversation.id)).filter(
        (line) => line.authorAgentId === agent.id,
      );
      expect(replies).toHaveLength(0);
      expect((await conversationOf(conversation.id)).teamId).toBe(supportTeamId);
      await close(world, conversation.id);
    } finally {
      await worker.stop();
      await standIn.close();
    }
  });
});

describe("jobs", () => {
  it("two pg-boss workers settle each of many messages exactly once, answering in order", async () => {
    const connection = await getConnection();
    const second = new PgBoss({
      db: { executeSql: (text, values) => connection.executeSql(text, values) },
      schema: "pgboss",
      schedule: false,
      supervise: false,
    });
    await second.start();
    let calls = 0;
    const counting: Responder = {
      name: "counting",
      async respond(input) {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { kind: "reply", reply: `Re: ${input.message}` };
      },
    };
    const one = await startAgentWorker({ db: world.db, responder: counting, sweep: false });
    const two = await startAgentWorker({
      db: world.db,
      responder: counting,
      boss: second,
      sweep: false,
    });
    try {
      const { agent, conversation, handle } = await handledConversation({
        sendInitialMessage: false,
      });
      const sent: string[] = [];
      for (let index = 0; index < 8; index++) {
        const { message } = await customerSays(handle, `Question ${index}`);
        sent.push(message.id);
      }
      // The same job sent again (a retry from the sweep) is deduplicated by its id.
      const boss = await getBoss();
      await sweepOnce(world.db, boss, new Date(Date.now() + 10 * 60_000));
      await waitUntil(async () => {
        const turns = await world.db
          .select({ status: agentTurns.status })
          .from(agentTurns)
          .where(eq(agentTurns.conversationId, conversation.id));
        return turns.length === 8 && turns.every((turn) => turn.status !== "pending");
      }, 20_000);
      // Every turn settled once: answered, or — when a newer question was answered first by
      // the other worker — dropped rather than sent out of order. The last question is always
      // answered, no question twice, and the answers read in the order the questions came.
      const replies = (await threadOf(conversation.id))
        .filter((line) => line.authorAgentId === agent.id)
        .map((line) => Number(line.body.replace("Re: Question ", "")));
      expect(replies.at(-1)).toBe(7);
      expect(replies).toEqual([...new Set(replies)].sort((a, b) => a - b));
      const turns = await world.db
        .select({ status: agentTurns.status })
        .from(agentTurns)
        .where(eq(agentTurns.conversationId, conversation.id));
      expect(turns.filter((turn) => turn.status === "replied")).toHaveLength(replies.length);
      expect(turns.every((turn) => turn.status === "replied" || turn.status === "dropped")).toBe(
        true,
      );
      expect(calls).toBeGreaterThanOrEqual(8);
    } finally {
      await one.stop();
      await two.stop();
      await second.stop({ graceful: true, wait: true, timeout: 5_000 });
    }
  });

  it("a turn whose job was lost is queued again by the sweep and answered", async () => {
    const { agent, conversation, handle } = await handledConversation({
      sendInitialMessage: false,
    });
    const { message } = await customerSays(handle, "Hello, anyone?");
    // The job never reached the queue (say the process died between commit and send).
    await world.db.execute(sql`delete from pgboss.job where id = ${message.id}`);
    await sweepOnce(world.db, await getBoss(), new Date(Date.now() + 10 * 60_000));
    const echo: Responder = {
      name: "echo",
      async respond(input) {
        return { kind: "reply", reply: `Re: ${input.message}` };
      },
    };
    const worker = await startAgentWorker({ db: world.db, responder: echo, sweep: false });
    try {
      await waitUntil(async () =>
        (await threadOf(conversation.id)).some((line) => line.authorAgentId === agent.id),
      );
      const replies = (await threadOf(conversation.id)).filter(
        (line) => line.authorAgentId === agent.id,
      );
      expect(replies.map((line) => line.body)).toEqual(["Re: Hello, anyone?"]);
    } finally {
      await worker.stop();
    }
  });

  it("answers the customer's message even when many more came after it before the job ran", async () => {
    const { agent, conversation, handle } = await handledConversation({
      sendInitialMessage: false,
    });
    const { message } = await customerSays(handle, "Where is my parcel?");
    // Forty replies land before the agent's job runs (its worker was busy).
    const later = message.createdAt.getTime();
    await world.db.insert(messages).values(
      Array.from({ length: 40 }, (_, i) => ({
        workspaceId: world.workspaceId,
        conversationId: conversation.id,
        kind: "outbound" as const,
        authorMemberId: world.admin.member.id,
        body: `Later reply ${i}`,
        createdAt: new Date(later + 1_000 + i),
      })),
    );
    const asked: string[] = [];
    const echo: Responder = {
      name: "echo",
      async respond(input) {
        asked.push(input.message);
        return { kind: "reply", reply: `Re: ${input.message}` };
      },
    };
    const worker = await startAgentWorker({ db: world.db, responder: echo, sweep: false });
    try {
      await waitUntil(async () =>
        (await threadOf(conversation.id)).some((line) => line.authorAgentId === agent.id),
      );
    } finally {
      await worker.stop();
    }
    expect(asked).toEqual(["Where is my parcel?"]);
    await close(world, conversation.id);
  });

  it("a turn whose job failed for good is handed to the humans by the sweep", async () => {
    const { conversation, handle } = await handledConversation({ sendInitialMessage: false });
    const { message } = await customerSays(handle, "Is anyone there?");
    // Its last retry: the next failure is final (the queue allows three retries, minutes apart).
    await world.db.execute(sql`update pgboss.job set retry_limit = 0 where id = ${message.id}`);
    const broken: Responder = {
      name: "broken",
      async respond() {
        throw new Error("database connection reset");
      },
    };
    const worker = await startAgentWorker({ db: world.db, responder: broken, sweep: false });
    const boss = await getBoss();
    try {
      await waitUntil(
        async () => (await boss.getJobById(queues.agentReply, message.id))?.state === "failed",
      );
    } finally {
      await worker.stop();
    }
    const [before] = await sessionsOf(conversation.id);
    expect(before?.endedAt).toBeNull();

    await sweepOnce(world.db, boss, new Date(Date.now() + 10 * 60_000));
    await expectHandedOff(conversation.id, message.id, /could not answer/);
    // A second sweep finds nothing left to do.
    await sweepOnce(world.db, boss, new Date(Date.now() + 10 * 60_000));
    expect(await sessionsOf(conversation.id)).toHaveLength(1);
    await close(world, conversation.id);
  });

  it("a turn left unanswered for over an hour is handed to the humans, not answered late", async () => {
    const { conversation, handle } = await handledConversation({ sendInitialMessage: false });
    const { message } = await customerSays(handle, "Hello? Anyone?");
    // No worker ran (the queue was down): two hours later the sweep finds the turn pending.
    await sweepOnce(world.db, await getBoss(), new Date(Date.now() + 2 * 60 * 60_000));
    await expectHandedOff(conversation.id, message.id, /within an hour/);
    await close(world, conversation.id);
  });

  it("a job that fails mid-answer is retried by pg-boss and still answers once", async () => {
    let attempts = 0;
    const flaky: Responder = {
      name: "flaky",
      async respond() {
        attempts += 1;
        if (attempts === 1) throw new Error("worker crashed");
        return { kind: "reply", reply: "Answered on retry." };
      },
    };
    const worker = await startAgentWorker({ db: world.db, responder: flaky, sweep: false });
    try {
      const { agent, conversation, handle } = await handledConversation({
        sendInitialMessage: false,
      });
      await customerSays(handle, "Anything?");
      await waitUntil(async () => {
        const replies = (await threadOf(conversation.id)).filter(
          (line) => line.authorAgentId === agent.id,
        );
        return replies.length === 1;
      }, 20_000);
      expect(attempts).toBe(2);
      const [turn] = await world.db
        .select()
        .from(agentTurns)
        .where(
          and(eq(agentTurns.conversationId, conversation.id), eq(agentTurns.status, "replied")),
        );
      expect(turn?.attempts).toBe(2);
    } finally {
      await worker.stop();
    }
  });
});

/** Polls until `check` holds (the worker runs in the background). */
async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("timed out waiting");
}
