import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as assignmentRoute from "@/app/api/v1/conversations/[id]/assignment/route";
import * as conversationRoute from "@/app/api/v1/conversations/[id]/route";
import * as openApiRoute from "@/app/api/v1/openapi.json/route";
import { getDb } from "@/db/client";
import {
  agentSessions,
  aiAgents,
  conversationEvents,
  conversations,
  members,
  messages,
  teams,
  workspaces,
} from "@/db/schema";
import type { ApiAssignment } from "@/lib/api/v1/schemas";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { setAssignmentDisabled } from "@/lib/assignment/assign-conversation";
import { setMemberAvailability } from "@/lib/assignment/set-member-availability";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { apiViewer } from "@/lib/conversations/viewer";
import { makeWorkspace } from "../support/factories";

/**
 * `GET` and `POST /api/v1/conversations/:id/assignment` through the real route handlers:
 * the owners and the latest decision explained, every kind of change, and the door's answers
 * (401, 404 across workspaces, 409 on a lost race, 422 on a bad body).
 */

const withId = (id: string) => ({ params: Promise.resolve({ id }) });

function call(
  method: "GET" | "POST",
  id: string,
  { key, body }: { key?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://test/api/v1/conversations/${id}/assignment`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return method === "GET"
    ? assignmentRoute.GET(request, withId(id))
    : assignmentRoute.POST(request, withId(id));
}

async function ok(response: Promise<Response>): Promise<ApiAssignment> {
  const answered = await response;
  const body: unknown = await answered.json();
  expect(answered.status, JSON.stringify(body)).toBe(200);
  return body as ApiAssignment;
}

async function failure(response: Promise<Response>) {
  const answered = await response;
  const body = (await answered.json()) as {
    error: { code: string; message: string; details?: Record<string, unknown> };
  };
  return { status: answered.status, ...body.error };
}

let handleCount = 0;
async function arrive(workspaceId: string) {
  handleCount += 1;
  const { conversation } = await receiveInboundMessage(await getDb(), {
    workspaceId,
    channel: "api",
    handle: `assignment-${handleCount}`,
    contact: { name: `Customer ${handleCount}` },
    body: "Hello, who is there?",
  });
  return conversation;
}

async function setup() {
  const db = await getDb();
  const home = await makeWorkspace(["agent", "agent", "viewer"]);
  const away = await makeWorkspace(["agent"]);
  const [sam, kim, reader] = home.others;
  const [stranger] = away.others;
  if (!sam || !kim || !reader || !stranger) throw new Error("setup failed");
  const [support] = await db
    .insert(teams)
    .values({ workspaceId: home.workspace.id, name: "Support" })
    .returning();
  const [awayTeam] = await db
    .insert(teams)
    .values({ workspaceId: away.workspace.id, name: "Away team" })
    .returning();
  if (!support || !awayTeam) throw new Error("teams failed");
  const { key } = await createApiKey(db, {
    workspaceId: home.workspace.id,
    createdById: null,
    name: "Router",
  });
  const awayConversation = await arrive(away.workspace.id);
  // The creator starts online; routing here is about the Agents.
  await db
    .update(members)
    .set({ status: "offline" })
    .where(and(eq(members.workspaceId, home.workspace.id), eq(members.userId, home.admin.id)));
  return { db, home, away, sam, kim, reader, stranger, support, awayTeam, key, awayConversation };
}

let w: Awaited<ReturnType<typeof setup>>;
beforeAll(async () => {
  w = await setup();
});

describe("AI agents through POST /api/v1/conversations/:id/assignment", () => {
  it("hands a conversation to an agent (greeting sent) and ends the session with unassign", async () => {
    const { db, home, away, key } = w;
    const [agent] = await db
      .insert(aiAgents)
      .values({
        workspaceId: home.workspace.id,
        name: "Ava",
        initialMessage: "Hi, I'm Ava. How can I help?",
      })
      .returning();
    const [foreignAgent] = await db
      .insert(aiAgents)
      .values({ workspaceId: away.workspace.id, name: "Elsewhere" })
      .returning();
    if (!agent || !foreignAgent) throw new Error("agents failed");
    const conversation = await arrive(home.workspace.id);

    const handed = await ok(
      call("POST", conversation.id, {
        key,
        body: { agentId: agent.id, sendInitialMessage: true },
      }),
    );
    expect(handed.agent).toMatchObject({ id: agent.id, name: "Ava" });
    const greetings = await db
      .select({ body: messages.body })
      .from(messages)
      .where(
        and(eq(messages.conversationId, conversation.id), eq(messages.authorAgentId, agent.id)),
      );
    expect(greetings.map((row) => row.body)).toEqual(["Hi, I'm Ava. How can I help?"]);
    // The thread names the agent as the greeting's author.
    const read = await conversationRoute.GET(
      new Request(`http://test/api/v1/conversations/${conversation.id}`, {
        headers: { authorization: `Bearer ${key}` },
      }),
      withId(conversation.id),
    );
    const detail = (await read.json()) as {
      messages: { body: string; author: { id: string; name: string; kind: string } | null }[];
    };
    expect(detail.messages.at(-1)).toMatchObject({
      body: "Hi, I'm Ava. How can I help?",
      author: { id: agent.id, name: "Ava", kind: "agent" },
    });

    // Another workspace's agent is not found; the session stays as it was.
    const foreign = await failure(
      call("POST", conversation.id, { key, body: { agentId: foreignAgent.id } }),
    );
    expect(foreign.status).toBe(404);
    const misplaced = await failure(
      call("POST", conversation.id, {
        key,
        body: { teamId: w.support.id, sendInitialMessage: true },
      }),
    );
    expect(misplaced.status).toBe(422);

    const ended = await ok(call("POST", conversation.id, { key, body: { unassign: "agent" } }));
    expect(ended.agent).toBeNull();
    const [session] = await db
      .select({ endReason: agentSessions.endReason })
      .from(agentSessions)
      .where(eq(agentSessions.conversationId, conversation.id));
    expect(session?.endReason).toBe("unassigned");
  });
});

describe("GET /api/v1/conversations/:id/assignment", () => {
  it("answers 401 without a valid key", async () => {
    const conversation = await arrive(w.home.workspace.id);
    for (const key of [undefined, "sb_live_nope"]) {
      expect((await failure(call("GET", conversation.id, { key }))).status).toBe(401);
      expect(
        (await failure(call("POST", conversation.id, { key, body: { unassign: "member" } })))
          .status,
      ).toBe(401);
    }
  });

  it("shows an unowned conversation in a manual workspace with no decision", async () => {
    const conversation = await arrive(w.home.workspace.id);
    expect(await ok(call("GET", conversation.id, { key: w.key }))).toEqual({
      conversationId: conversation.id,
      assignee: null,
      team: null,
      agent: null,
      assignmentDisabled: false,
      queuedAt: null,
      latestDecision: null,
    });
  });

  it("shows the routed assignee with their status and the decision in plain words", async () => {
    const { db, home, sam, kim, key } = w;
    await db
      .update(workspaces)
      .set({ routingMode: "balanced" })
      .where(eq(workspaces.id, home.workspace.id));
    const workspace = { ...home.workspace, routingMode: "balanced" as const };
    try {
      // Nobody online: the conversation waits, and says why.
      const waiting = await arrive(home.workspace.id);
      const queued = await ok(call("GET", waiting.id, { key }));
      expect(queued.assignee).toBeNull();
      expect(queued.queuedAt).not.toBeNull();
      expect(queued.latestDecision).toMatchObject({
        event: "queued",
        trigger: "arrival",
        reason: "nobody eligible",
        strategy: "balanced",
        chosen: null,
        eligibleCount: 0,
      });
      expect(queued.latestDecision?.explanation[0]).toContain("found nobody eligible");

      // Kim is away; Sam comes online: the waiting conversation is routed to Sam at once.
      for (const member of [kim, sam]) {
        await setMemberAvailability(db, {
          workspace,
          memberId: member.member.id,
          actorMemberId: member.member.id,
          change: { status: member === sam ? "online" : "away" },
        });
      }
      const routed = await ok(call("GET", waiting.id, { key }));
      expect(routed.assignee).toEqual({
        id: sam.member.id,
        name: sam.user.name,
        status: "online",
      });
      expect(routed.queuedAt).toBeNull();
      expect(routed.latestDecision).toMatchObject({
        event: "routed",
        trigger: "queue",
        strategy: "balanced",
        tieBreak: "only_candidate",
        chosen: { memberId: sam.member.id, name: sam.user.name, openConversations: 0 },
        eligibleCount: 1,
        skipped: expect.arrayContaining([
          expect.objectContaining({ memberId: kim.member.id, reason: "away" }),
        ]),
      });
      expect(routed.latestDecision?.explanation.join(" ")).toContain(
        `chose ${sam.user.name}, the only eligible member (0 open conversations)`,
      );
      expect(routed.latestDecision?.explanation.join(" ")).toContain(`${kim.user.name} (away)`);
    } finally {
      await db
        .update(workspaces)
        .set({ routingMode: "manual" })
        .where(eq(workspaces.id, home.workspace.id));
      for (const member of [sam, kim]) {
        await setMemberAvailability(db, {
          workspace: { ...workspace, routingMode: "manual" },
          memberId: member.member.id,
          actorMemberId: null,
          change: { status: "offline" },
        });
      }
    }
  });
});

describe("POST /api/v1/conversations/:id/assignment", () => {
  it("assigns a member, replaces them, assigns a team and unassigns each, with events", async () => {
    const { db, sam, kim, support, key } = w;
    const conversation = await arrive(w.home.workspace.id);
    const first = await ok(
      call("POST", conversation.id, { key, body: { memberId: sam.member.id } }),
    );
    expect(first.assignee?.id).toBe(sam.member.id);
    const second = await ok(
      call("POST", conversation.id, { key, body: { memberId: kim.member.id } }),
    );
    expect(second.assignee?.id).toBe(kim.member.id);
    const withTeam = await ok(call("POST", conversation.id, { key, body: { teamId: support.id } }));
    // The team routes manually (the workspace's mode): the assignee stays.
    expect(withTeam).toMatchObject({
      assignee: { id: kim.member.id },
      team: { id: support.id, name: "Support" },
    });
    const noMember = await ok(call("POST", conversation.id, { key, body: { unassign: "member" } }));
    expect(noMember).toMatchObject({ assignee: null, team: { id: support.id } });
    const nothing = await ok(call("POST", conversation.id, { key, body: { unassign: "team" } }));
    expect(nothing).toMatchObject({ assignee: null, team: null });

    const events = await db
      .select({ type: conversationEvents.type, actor: conversationEvents.actorMemberId })
      .from(conversationEvents)
      .where(eq(conversationEvents.conversationId, conversation.id))
      .orderBy(conversationEvents.createdAt);
    expect(events.map((e) => e.type)).toEqual([
      "created",
      "assigned",
      "assigned",
      "team_assigned",
      "unassigned",
      "team_unassigned",
    ]);
    // An API key is no member: the events name no actor.
    expect(events.every((e) => e.actor === null)).toBe(true);
  });

  it("answers 404 for another workspace's conversation, member or team, and a malformed id", async () => {
    const { key, awayConversation, stranger, awayTeam } = w;
    for (const method of ["GET", "POST"] as const) {
      for (const id of [awayConversation.id, "not-a-uuid"]) {
        const answer = await failure(
          call(method, id, { key, body: method === "POST" ? { unassign: "member" } : undefined }),
        );
        expect(answer, `${method} ${id}`).toMatchObject({ status: 404, code: "not_found" });
      }
    }
    // A foreign conversation is 404 even with a body that would not validate.
    expect((await failure(call("POST", awayConversation.id, { key, body: {} }))).status).toBe(404);
    const mine = await arrive(w.home.workspace.id);
    for (const body of [{ memberId: stranger.member.id }, { teamId: awayTeam.id }]) {
      const answer = await failure(call("POST", mine.id, { key, body }));
      expect(answer, JSON.stringify(body)).toMatchObject({ status: 404, code: "not_found" });
      expect(answer.message).not.toContain("Away");
    }
    const [untouched] = await w.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, awayConversation.id));
    expect(untouched).toMatchObject({ assigneeId: null, teamId: null });
  });

  it("answers 409 already_assigned naming the winner when a conditional assignment loses the race", async () => {
    const { sam, kim, key } = w;
    const taken = await arrive(w.home.workspace.id);
    await ok(call("POST", taken.id, { key, body: { memberId: sam.member.id } }));
    const lost = await failure(
      call("POST", taken.id, { key, body: { memberId: kim.member.id, ifUnassigned: true } }),
    );
    expect(lost).toMatchObject({
      status: 409,
      code: "already_assigned",
      message: `${sam.user.name} took this one.`,
      details: { assignee: { id: sam.member.id, name: sam.user.name } },
    });
    // Asking again for the member who has it is no conflict.
    await ok(
      call("POST", taken.id, { key, body: { memberId: sam.member.id, ifUnassigned: true } }),
    );

    // Two integrations race for a fresh conversation: one wins, the other is told who did.
    const fresh = await arrive(w.home.workspace.id);
    const answers = await Promise.all(
      [sam, kim].map((m) =>
        call("POST", fresh.id, { key, body: { memberId: m.member.id, ifUnassigned: true } }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = (await ok(call("GET", fresh.id, { key }))).assignee;
    const loser = answers.find((a) => a.status === 409);
    expect(await loser?.json()).toMatchObject({
      error: { code: "already_assigned", details: { assignee: { id: winner?.id } } },
    });
    const assigned = await w.db
      .select()
      .from(conversationEvents)
      .where(
        and(
          eq(conversationEvents.conversationId, fresh.id),
          eq(conversationEvents.type, "assigned"),
        ),
      );
    expect(assigned).toHaveLength(1);
  });

  it("answers 409 when assignment is turned off, and 422 for a member on a group conversation", async () => {
    const { db, home, sam, support, key } = w;
    const off = await arrive(home.workspace.id);
    await setAssignmentDisabled(db, {
      viewer: apiViewer(home.workspace),
      conversationId: off.id,
      disabled: true,
    });
    expect(
      await failure(call("POST", off.id, { key, body: { memberId: sam.member.id } })),
    ).toMatchObject({
      status: 409,
      code: "conflict",
      message: expect.stringContaining("Assignment is turned off"),
    });
    expect((await ok(call("GET", off.id, { key }))).assignmentDisabled).toBe(true);

    const group = await arrive(home.workspace.id);
    await db.update(conversations).set({ kind: "group" }).where(eq(conversations.id, group.id));
    expect(
      await failure(call("POST", group.id, { key, body: { memberId: sam.member.id } })),
    ).toMatchObject({
      status: 422,
      code: "validation",
      message: expect.stringContaining("Group conversations cannot have a member assignee"),
    });
    const teamed = await ok(call("POST", group.id, { key, body: { teamId: support.id } }));
    expect(teamed).toMatchObject({ assignee: null, team: { id: support.id } });
  });

  it("answers 422 for a body that is not exactly one change, and for a Viewer", async () => {
    const { sam, support, reader, key } = w;
    const conversation = await arrive(w.home.workspace.id);
    const bad: unknown[] = [
      {},
      { memberId: sam.member.id, teamId: support.id },
      { memberId: sam.member.id, unassign: "team" },
      { unassign: "everyone" },
      { agentId: "ava" },
      { memberId: "sam" },
      { teamId: 42 },
      { teamId: support.id, ifUnassigned: true },
      { memberId: sam.member.id, role: "admin" },
      [],
      "not json",
    ];
    for (const body of bad) {
      const answer = await failure(call("POST", conversation.id, { key, body }));
      expect(answer, JSON.stringify(body)).toMatchObject({ status: 422, code: "validation" });
    }
    const two = await failure(
      call("POST", conversation.id, { key, body: { memberId: sam.member.id, teamId: support.id } }),
    );
    expect(two.message).toBe("Send exactly one of `memberId`, `teamId`, `agentId` or `unassign`.");
    const viewer = await failure(
      call("POST", conversation.id, { key, body: { memberId: reader.member.id } }),
    );
    expect(viewer).toMatchObject({ status: 422, message: expect.stringContaining("is a Viewer") });
    expect((await ok(call("GET", conversation.id, { key }))).assignee).toBeNull();
  });
});

describe("the OpenAPI document", () => {
  it("describes both operations, the request body and the 409 already_assigned", async () => {
    const doc = (await (await openApiRoute.GET()).json()) as {
      paths: Record<string, Record<string, { operationId: string; responses: object }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const path = doc.paths["/api/v1/conversations/{id}/assignment"];
    expect(path?.get?.operationId).toBe("getAssignment");
    expect(path?.post?.operationId).toBe("setAssignment");
    expect(Object.keys(path?.post?.responses ?? {}).sort()).toEqual([
      "200",
      "401",
      "404",
      "409",
      "422",
    ]);
    expect(JSON.stringify(path?.post?.responses)).toContain("already_assigned");
    expect(Object.keys(doc.components.schemas.AssignmentRequest?.properties ?? {}).sort()).toEqual([
      "agentId",
      "ifUnassigned",
      "memberId",
      "sendInitialMessage",
      "teamId",
      "unassign",
    ]);
    const assignment = doc.components.schemas.Assignment?.properties ?? {};
    expect(Object.keys(assignment).sort()).toEqual([
      "agent",
      "assignee",
      "assignmentDisabled",
      "conversationId",
      "latestDecision",
      "queuedAt",
      "team",
    ]);
    expect(JSON.stringify(doc.components.schemas.Error)).toContain("details");
  });
});
