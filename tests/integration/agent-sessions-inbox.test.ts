import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { assignAgentAction, endAgentSessionAction } from "@/app/(app)/[workspace]/inbox/actions";
import { endReasonText, sessionSummary } from "@/components/inbox/agent-session-text";
import { describeEvent } from "@/components/inbox/thread-items";
import { getDb } from "@/db/client";
import { type AgentSessionEndReason, aiAgents, conversations, teams } from "@/db/schema";
import { endSessionLocked } from "@/lib/assignment/agent-sessions";
import { assignMember } from "@/lib/assignment/assign-conversation";
import { listAssignees } from "@/lib/assignment/list-assignees";
import { resolveWorkspaceContext } from "@/lib/auth/workspace-context";
import { conversationToCsv, conversationToJson } from "@/lib/conversations/export-conversation";
import { getConversation } from "@/lib/conversations/get-conversation";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { sendMessage } from "@/lib/conversations/send-message";
import { viewerFor } from "@/lib/conversations/viewer";
import { makeWorkspace } from "../support/factories";

/**
 * What the inbox reads and calls for AI agents: the picker's agents, the conversation detail
 * (agent authors, the active session, the sessions' history), the export, and the two actions
 * through their registered door.
 */

const GREETING = "Hi! I'm Ava, the virtual assistant. How can I help?";

async function setup() {
  const db = await getDb();
  const { workspace, admin, others } = await makeWorkspace(["agent", "agent", "viewer"]);
  const [sam, xena, vic] = others;
  if (!sam || !xena || !vic) throw new Error("setup failed");
  const [team] = await db
    .insert(teams)
    .values({ workspaceId: workspace.id, name: "Support" })
    .returning();
  if (!team) throw new Error("team insert returned nothing");
  const [ava, max] = await db
    .insert(aiAgents)
    .values([
      {
        workspaceId: workspace.id,
        name: "Ava",
        avatar: "🦉",
        handoffTeamId: team.id,
        sendInitialMessage: true,
        initialMessage: GREETING,
      },
      { workspaceId: workspace.id, name: "Max", avatar: "🤖" },
    ])
    .returning();
  if (!ava || !max) throw new Error("agent insert returned nothing");
  const context = await resolveWorkspaceContext(db, {
    userId: admin.id,
    slug: workspace.slug,
    permission: "conversations.view",
  });
  const viewer = await viewerFor(context);
  const incoming = async (handle: string) =>
    (
      await receiveInboundMessage(db, {
        workspaceId: workspace.id,
        channel: "api",
        handle,
        contact: { name: `Customer ${handle}` },
        body: `Hello from ${handle}`,
      })
    ).conversation.id;
  const input = (conversationId: string) => ({ workspace: workspace.slug, conversationId });
  return { db, workspace, admin, sam, xena, vic, team, ava, max, viewer, incoming, input };
}

describe("the agent picker's list", () => {
  it("offers the workspace's live agents with their greeting and handoff team", async () => {
    const { db, workspace, max } = await setup();
    await db.update(aiAgents).set({ deletedAt: new Date() }).where(eq(aiAgents.id, max.id));
    const other = await makeWorkspace();
    await db.insert(aiAgents).values({ workspaceId: other.workspace.id, name: "Elsewhere" });

    const { agents } = await listAssignees(db, workspace);
    expect(agents).toEqual([
      {
        id: expect.any(String),
        name: "Ava",
        avatar: "🦉",
        sendInitialMessage: true,
        initialMessage: GREETING,
        handoffTeamName: "Support",
      },
    ]);
  });
});

describe("the conversation detail with an AI agent", () => {
  it("names agent and member authors, the active session and its history, newest first", async () => {
    const { db, admin, ava, max, viewer, incoming, input } = await setup();
    const id = await incoming("lena");

    const started = await assignAgentAction.run(
      { userId: admin.id },
      { ...input(id), agentId: ava.id, sendInitialMessage: true },
    );
    expect(started).toMatchObject({
      ok: true,
      data: { changed: true, sessionId: expect.any(String) },
    });
    await sendMessage(db, { viewer, conversationId: id, body: "I'm here too.", note: false });

    const detail = await getConversation(db, viewer, id);
    expect(detail.messages.map((message) => [message.kind, message.author])).toEqual([
      ["inbound", null],
      ["outbound", { kind: "agent", id: ava.id, name: "Ava", avatar: "🦉" }],
      [
        "outbound",
        { kind: "member", id: viewer.member?.id, name: expect.any(String), image: null },
      ],
    ]);
    expect(detail.messages[1]?.body).toBe(GREETING);
    expect(detail.agentSession).toEqual({
      id: started.ok ? started.data.sessionId : null,
      agent: { id: ava.id, name: "Ava", avatar: "🦉" },
      sendInitialMessage: true,
      startedAt: expect.any(Date),
      expiresAt: expect.any(Date),
      startedByName: "Test admin",
    });
    expect(detail.agentSessions).toHaveLength(1);
    expect(detail.agentSessions[0]).toMatchObject({ endedAt: null, endReason: null });

    // The banner's X, then another agent, which hands off with a reason.
    expect(
      await endAgentSessionAction.run(
        { userId: admin.id },
        { ...input(id), reason: "ended_by_member" },
      ),
    ).toMatchObject({ ok: true, data: { changed: true } });
    await assignAgentAction.run(
      { userId: admin.id },
      { ...input(id), agentId: max.id, sendInitialMessage: false },
    );
    await db.transaction(async (tx) => {
      const [conversation] = await tx
        .select()
        .from(conversations)
        .where(eq(conversations.id, id))
        .for("update");
      if (!conversation) throw new Error("conversation vanished");
      await endSessionLocked(tx, {
        workspace: viewer.workspace,
        conversation,
        reason: "handoff",
        detail: "The customer asked for a person.",
        actorMemberId: null,
        now: new Date(),
      });
    });

    const after = await getConversation(db, viewer, id);
    expect(after.agentSession).toBeNull();
    expect(after.agentSessions).toEqual([
      expect.objectContaining({
        agent: { id: max.id, name: "Max", avatar: "🤖" },
        sendInitialMessage: false,
        startedByName: "Test admin",
        endedAt: expect.any(Date),
        endReason: "handoff",
        endDetail: "The customer asked for a person.",
        endedByName: null,
      }),
      expect.objectContaining({
        agent: { id: ava.id, name: "Ava", avatar: "🦉" },
        sendInitialMessage: true,
        endReason: "ended_by_member",
        endDetail: null,
        endedByName: "Test admin",
      }),
    ]);
    expect(after.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(["agent_session_started", "agent_session_ended"]),
    );
  });

  it("exports the agent as the author of its replies", async () => {
    const { db, admin, ava, viewer, incoming, input } = await setup();
    const id = await incoming("export");
    await assignAgentAction.run(
      { userId: admin.id },
      { ...input(id), agentId: ava.id, sendInitialMessage: true },
    );
    const detail = await getConversation(db, viewer, id);

    const json = conversationToJson(detail);
    expect(json.aiAgent).toBe("Ava");
    expect(json.messages[1]).toMatchObject({
      kind: "reply",
      author: "Ava",
      authorKind: "agent",
      body: GREETING,
    });
    expect(json.messages[0]).toMatchObject({ author: "Customer export", authorKind: "contact" });
    expect(json.agentSessions).toEqual([
      expect.objectContaining({ agent: "Ava", startedBy: "Test admin", endedAt: null }),
    ]);
    const csv = conversationToCsv(detail);
    expect(csv).toContain(`reply,Ava (AI agent),"${GREETING}"`);
  });
});

describe("the inbox's agent actions", () => {
  it("refuse group conversations, switched-off assignment, a second agent, and Viewers", async () => {
    const { db, admin, vic, ava, max, incoming, input } = await setup();
    const as = { userId: admin.id };

    const group = await incoming("group");
    await db.update(conversations).set({ kind: "group" }).where(eq(conversations.id, group));
    expect(
      await assignAgentAction.run(as, {
        ...input(group),
        agentId: ava.id,
        sendInitialMessage: true,
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: "validation",
        message: "Group conversations cannot be handled by an AI agent.",
      },
    });

    const off = await incoming("off");
    await db
      .update(conversations)
      .set({ assignmentDisabled: true })
      .where(eq(conversations.id, off));
    expect(
      await assignAgentAction.run(as, { ...input(off), agentId: ava.id, sendInitialMessage: true }),
    ).toMatchObject({
      ok: false,
      error: { code: "conflict", message: expect.stringContaining("Assignment is turned off") },
    });

    const busy = await incoming("busy");
    await assignAgentAction.run(as, { ...input(busy), agentId: ava.id, sendInitialMessage: false });
    expect(
      await assignAgentAction.run(as, {
        ...input(busy),
        agentId: max.id,
        sendInitialMessage: false,
      }),
    ).toMatchObject({
      ok: false,
      error: {
        code: "conflict",
        message: "Ava is already handling this conversation. End its session first.",
      },
    });
    expect(
      await endAgentSessionAction.run(
        { userId: vic.user.id },
        { ...input(busy), reason: "unassigned" },
      ),
    ).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(
      await assignAgentAction.run(as, {
        ...input(busy),
        agentId: "not-a-uuid",
        sendInitialMessage: true,
      }),
    ).toMatchObject({ ok: false, error: { code: "validation", message: "Choose an AI agent." } });
  });

  it("let an Agent hand over only their own conversation, and end a session on theirs", async () => {
    const { db, admin, sam, xena, ava, viewer, incoming, input } = await setup();
    const id = await incoming("agent");
    await assignMember(db, { viewer, conversationId: id, memberId: sam.member.id });

    expect(
      await assignAgentAction.run(
        { userId: xena.user.id },
        { ...input(id), agentId: ava.id, sendInitialMessage: false },
      ),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(
      await assignAgentAction.run(
        { userId: sam.user.id },
        { ...input(id), agentId: ava.id, sendInitialMessage: false },
      ),
    ).toMatchObject({ ok: true, data: { changed: true, assignee: { id: sam.member.id } } });
    const greeted = await getConversation(db, viewer, id);
    expect(greeted.agentSession?.sendInitialMessage).toBe(false);
    expect(greeted.messages.filter((message) => message.author?.kind === "agent")).toEqual([]);

    expect(
      await endAgentSessionAction.run(
        { userId: sam.user.id },
        { ...input(id), reason: "unassigned" },
      ),
    ).toMatchObject({ ok: true, data: { changed: true, sessionId: expect.any(String) } });
    // Again: nothing left to end, and nothing changes.
    expect(
      await endAgentSessionAction.run({ userId: admin.id }, { ...input(id), reason: "unassigned" }),
    ).toMatchObject({ ok: true, data: { changed: false, sessionId: null } });
    const ended = await getConversation(db, viewer, id);
    expect(ended.agentSessions[0]).toMatchObject({
      endReason: "unassigned",
      endedByName: sam.user.name,
    });
  });
});

describe("sessions in plain words", () => {
  const names = { member: () => undefined, team: () => undefined };
  const ended = (reason: AgentSessionEndReason, actorName: string | null, detail?: string) =>
    describeEvent(
      {
        id: reason,
        type: "agent_session_ended",
        data: { agentName: "Ava", reason, ...(detail ? { detail } : {}) },
        createdAt: new Date().toISOString(),
        actorName,
      },
      names,
    );

  it("say in the thread why every session ended", () => {
    expect(ended("ended_by_member", "Dana")).toBe("Dana ended Ava's session");
    expect(ended("unassigned", "Dana")).toBe("Dana unassigned AI agent Ava; its session ended");
    expect(ended("closed", "Dana")).toBe("Dana closed the conversation, ending Ava's session");
    expect(ended("expired", null)).toBe(
      "Ava's session reached its time limit; a person takes over",
    );
    expect(ended("handoff", null, "The customer asked for a person.")).toBe(
      "Ava handed this off to a person: “The customer asked for a person.”",
    );
    expect(ended("error", null, "The AI model failed: timeout")).toBe(
      "Ava stopped after an error and handed off to a person: “The AI model failed: timeout”",
    );
    expect(ended("agent_deleted", "Dana")).toBe("AI agent Ava was deleted, so its session ended");
  });

  it("sum up a session for the drawer", () => {
    const now = new Date("2026-03-03T12:00:00");
    const session = {
      id: "s",
      agent: { id: "a", name: "Ava", avatar: "🦉" },
      sendInitialMessage: true,
      startedAt: new Date("2026-03-03T10:02:00").toISOString(),
      expiresAt: new Date("2026-03-04T10:02:00").toISOString(),
      startedByName: "Dana",
      endedAt: new Date("2026-03-03T10:15:00").toISOString(),
      endReason: "handoff" as const,
      endDetail: "The customer asked for a person.",
      endedByName: null,
    };
    const time = (iso: string) =>
      new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" }).format(
        new Date(iso),
      );
    expect(sessionSummary(session, now)).toEqual({
      started: `started by Dana, ${time(session.startedAt)}`,
      ended: `ended ${time(session.endedAt)}: handed off to a person — “The customer asked for a person.”`,
    });
    expect(sessionSummary({ ...session, endedAt: null, endReason: null }, now).ended).toBe(
      "handling it now",
    );
    const reasons: AgentSessionEndReason[] = [
      "ended_by_member",
      "unassigned",
      "closed",
      "expired",
      "handoff",
      "error",
      "agent_deleted",
    ];
    expect(
      reasons.map((reason) => endReasonText({ reason, detail: null, endedBy: "Dana" })),
    ).toEqual([
      "ended by Dana",
      "unassigned by Dana",
      "Dana closed the conversation",
      "it reached its time limit",
      "handed off to a person",
      "stopped after an error and handed off",
      "the agent was deleted",
    ]);
  });
});
