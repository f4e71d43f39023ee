import { eq, sql } from "drizzle-orm";
import { aiAgents, members, teamMembers, teams, type Workspace, workspaces } from "@/db/schema";
import { answerTurn, turnKeyOf } from "@/lib/agents/agent-turns";
import type { AgentDecision, Responder } from "@/lib/agents/responder";
import { assignAgent } from "@/lib/assignment/agent-sessions";
import { assignMember, claimConversation } from "@/lib/assignment/assign-conversation";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { sendMessage } from "@/lib/conversations/send-message";
import { setConversationStatus } from "@/lib/conversations/set-status";
import { removeMember } from "@/lib/members/end-membership";
import { type AssignmentWorld, buildWorld, viewerOf, who, workspaceOf } from "./assignment-world";
import { rawRows } from "./factories";

/**
 * The reports fixture: two workspaces whose every change goes through the app's own functions
 * at explicit instants, next to local midnights — Los Angeles (UTC−7 in March 2026, the day
 * after the DST change) and Tokyo (UTC+9). tests/integration/reports.test.ts computes the
 * expected figures by hand from the timeline written here.
 */

/** A wall-clock time in Los Angeles, March 2026 (PDT, UTC−7). */
export const la = (local: string) => new Date(`${local.replace(" ", "T")}:00-07:00`);
/** A wall-clock time in Tokyo (UTC+9). */
export const tokyo = (local: string) => new Date(`${local.replace(" ", "T")}:00+09:00`);

/** A responder that says what it is told, whatever the customer wrote. */
function fixed(decision: AgentDecision): Responder {
  return { name: "fixed", respond: async () => decision };
}

export interface Fixture {
  world: AssignmentWorld;
  workspace: Workspace;
  teamId: string;
  agentId: string;
  id: (name: string) => string;
  conversations: Record<string, string>;
}

async function customer(
  world: AssignmentWorld,
  {
    handle,
    at,
    teamId = null,
    channel = "api",
  }: { handle: string; at: Date; teamId?: string | null; channel?: "api" | "web_chat" },
) {
  const { conversation, message } = await receiveInboundMessage(world.db, {
    workspaceId: world.workspaceId,
    channel,
    handle,
    body: "Hello, can someone help?",
    teamId,
    now: at,
  });
  return { conversationId: conversation.id, messageId: message.id };
}

async function reply(
  world: AssignmentWorld,
  name: string | null,
  conversationId: string,
  at: Date,
) {
  await sendMessage(world.db, {
    viewer: await viewerOf(world, name ?? undefined),
    conversationId,
    body: "Happy to help.",
    note: false,
    now: at,
  });
}

async function closeAs(
  world: AssignmentWorld,
  name: string | null,
  conversationId: string,
  at: Date,
) {
  await setConversationStatus(world.db, {
    viewer: await viewerOf(world, name ?? undefined),
    conversationId,
    status: "closed",
    now: at,
  });
}

/** Los Angeles: Ann, Bob (Support), Cy (Manager), Rae (removed mid-range), Vic (Viewer), Ava (AI). */
export async function buildLosAngeles(): Promise<Fixture> {
  const world = await buildWorld({
    people: { Ann: "agent", Bob: "agent", Cy: "manager", Rae: "agent", Vic: "viewer" },
  });
  const { db } = world;
  await db
    .update(workspaces)
    .set({ timeZone: "America/Los_Angeles" })
    .where(eq(workspaces.id, world.workspaceId));
  const id = (name: string) =>
    name === "Admin" ? world.admin.member.id : who(world, name).member.id;
  await db
    .update(members)
    .set({ capacity: 5 })
    .where(eq(members.id, id("Ann")));
  const [team] = await db
    .insert(teams)
    .values({ workspaceId: world.workspaceId, name: "Support" })
    .returning();
  if (!team) throw new Error("team insert returned nothing");
  await db.insert(teamMembers).values([
    { teamId: team.id, memberId: id("Ann") },
    { teamId: team.id, memberId: id("Bob") },
  ]);
  const [agent] = await db
    .insert(aiAgents)
    .values({ workspaceId: world.workspaceId, name: "Ava", handoffTeamId: team.id })
    .returning();
  if (!agent) throw new Error("agent insert returned nothing");
  const admin = await viewerOf(world);
  const c: Record<string, string> = {};

  // c1 (Support): the customer writes the evening before the range; Ann claims after midnight.
  c.c1 = (
    await customer(world, { handle: "c1", at: la("2026-03-08 23:50"), teamId: team.id })
  ).conversationId;
  await claimConversation(db, {
    viewer: await viewerOf(world, "Ann"),
    conversationId: c.c1,
    now: la("2026-03-09 00:10"),
  });
  await reply(world, "Ann", c.c1, la("2026-03-09 00:15"));
  await closeAs(world, "Ann", c.c1, la("2026-03-09 01:00"));

  // c2 (no team): Bob answers first and so takes it; the Admin hands it to Ann.
  c.c2 = (await customer(world, { handle: "c2", at: la("2026-03-09 09:00") })).conversationId;
  await reply(world, "Bob", c.c2, la("2026-03-09 09:20"));
  await customer(world, { handle: "c2", at: la("2026-03-09 09:40") });
  await assignMember(db, {
    viewer: admin,
    conversationId: c.c2,
    memberId: id("Ann"),
    now: la("2026-03-09 10:00"),
  });
  await reply(world, "Ann", c.c2, la("2026-03-09 10:30"));

  // c3 (Support, web chat): late on the range's last day; Bob never answers.
  c.c3 = (
    await customer(world, {
      handle: "c3",
      at: la("2026-03-10 23:30"),
      teamId: team.id,
      channel: "web_chat",
    })
  ).conversationId;
  await assignMember(db, {
    viewer: admin,
    conversationId: c.c3,
    memberId: id("Bob"),
    now: la("2026-03-10 23:40"),
  });
  await customer(world, { handle: "c3", at: la("2026-03-11 00:10"), channel: "web_chat" });

  // c4: Ava answers once, then hands off to Support; Cy takes it, answers and closes.
  c.c4 = (await customer(world, { handle: "c4", at: la("2026-03-09 12:00") })).conversationId;
  await assignAgent(db, {
    viewer: admin,
    conversationId: c.c4,
    agentId: agent.id,
    sendInitialMessage: false,
    now: la("2026-03-09 12:01"),
  });
  const m4a = await customer(world, { handle: "c4", at: la("2026-03-09 12:05") });
  await answerTurn(db, {
    key: turnKeyOf(m4a.messageId),
    responder: fixed({ kind: "reply", reply: "Try turning it off and on." }),
    now: () => la("2026-03-09 12:06"),
  });
  const m4b = await customer(world, { handle: "c4", at: la("2026-03-09 12:10") });
  await answerTurn(db, {
    key: turnKeyOf(m4b.messageId),
    responder: fixed({ kind: "handoff", reason: "Customer asked for a refund" }),
    now: () => la("2026-03-09 12:12"),
  });
  await claimConversation(db, {
    viewer: await viewerOf(world, "Cy"),
    conversationId: c.c4,
    now: la("2026-03-09 13:00"),
  });
  await reply(world, "Cy", c.c4, la("2026-03-09 13:30"));
  await closeAs(world, "Cy", c.c4, la("2026-03-09 14:00"));

  // c5: Ava answers and the Admin closes it — resolved without a human.
  c.c5 = (await customer(world, { handle: "c5", at: la("2026-03-10 08:00") })).conversationId;
  await assignAgent(db, {
    viewer: admin,
    conversationId: c.c5,
    agentId: agent.id,
    sendInitialMessage: false,
    now: la("2026-03-10 08:01"),
  });
  const m5 = await customer(world, { handle: "c5", at: la("2026-03-10 08:02") });
  await answerTurn(db, {
    key: turnKeyOf(m5.messageId),
    responder: fixed({ kind: "reply", reply: "Done!" }),
    now: () => new Date(la("2026-03-10 08:02").getTime() + 30_000),
  });
  await closeAs(world, null, c.c5, la("2026-03-10 08:10"));

  // c6: Rae answers, then is removed; the conversation is released.
  c.c6 = (await customer(world, { handle: "c6", at: la("2026-03-10 09:00") })).conversationId;
  await assignMember(db, {
    viewer: admin,
    conversationId: c.c6,
    memberId: id("Rae"),
    now: la("2026-03-10 09:05"),
  });
  await reply(world, "Rae", c.c6, la("2026-03-10 09:10"));
  await removeMember(db, {
    workspaceId: world.workspaceId,
    memberId: id("Rae"),
    actorMemberId: id("Admin"),
    now: la("2026-03-10 09:30"),
  });

  // c0: before the range — none of it counts.
  c.c0 = (await customer(world, { handle: "c0", at: la("2026-03-08 10:00") })).conversationId;
  await claimConversation(db, {
    viewer: await viewerOf(world, "Ann"),
    conversationId: c.c0,
    now: la("2026-03-08 10:05"),
  });
  await reply(world, "Ann", c.c0, la("2026-03-08 10:06"));
  await closeAs(world, "Ann", c.c0, la("2026-03-08 10:07"));

  return {
    world,
    workspace: await workspaceOf(world),
    teamId: team.id,
    agentId: agent.id,
    id,
    conversations: c,
  };
}

/** Tokyo, reset on close: Kei and Mio around Tokyo's midnight of 10–11 March 2026. */
export async function buildTokyo(): Promise<Fixture> {
  const world = await buildWorld({
    people: { Kei: "agent", Mio: "agent" },
    settings: { resetAssigneeOnClose: true },
  });
  const { db } = world;
  await db
    .update(workspaces)
    .set({ timeZone: "Asia/Tokyo" })
    .where(eq(workspaces.id, world.workspaceId));
  const id = (name: string) =>
    name === "Admin" ? world.admin.member.id : who(world, name).member.id;
  const admin = await viewerOf(world);
  const c: Record<string, string> = {};

  // d1: claimed before Tokyo's midnight, answered and closed (reset) after it.
  c.d1 = (await customer(world, { handle: "d1", at: tokyo("2026-03-10 23:50") })).conversationId;
  await claimConversation(db, {
    viewer: await viewerOf(world, "Kei"),
    conversationId: c.d1,
    now: tokyo("2026-03-10 23:55"),
  });
  await reply(world, "Kei", c.d1, tokyo("2026-03-11 00:20"));
  await closeAs(world, null, c.d1, tokyo("2026-03-11 00:30"));

  // d2: Mio, then Kei, who answers an hour later.
  c.d2 = (await customer(world, { handle: "d2", at: tokyo("2026-03-11 08:00") })).conversationId;
  await assignMember(db, {
    viewer: admin,
    conversationId: c.d2,
    memberId: id("Mio"),
    now: tokyo("2026-03-11 08:10"),
  });
  await assignMember(db, {
    viewer: admin,
    conversationId: c.d2,
    memberId: id("Kei"),
    now: tokyo("2026-03-11 08:15"),
  });
  await reply(world, "Kei", c.d2, tokyo("2026-03-11 09:15"));
  // …back to Mio and to Kei again the same day: each still assigned one conversation that day.
  await assignMember(db, {
    viewer: admin,
    conversationId: c.d2,
    memberId: id("Mio"),
    now: tokyo("2026-03-11 10:00"),
  });
  await assignMember(db, {
    viewer: admin,
    conversationId: c.d2,
    memberId: id("Kei"),
    now: tokyo("2026-03-11 10:30"),
  });

  return {
    world,
    workspace: await workspaceOf(world),
    teamId: "",
    agentId: "",
    id,
    conversations: c,
  };
}

type Rollup = Record<string, unknown>;

const rollupTables = [
  ["report_assignments", "report_expected_assignments", "event_id"],
  ["report_closes", "report_expected_closes", "event_id"],
  ["report_member_days", "report_expected_member_days", "team_key, channel_key, day, member_id"],
  ["report_inbound_hours", "report_expected_inbound_hours", "team_key, channel_key, day, hour"],
  ["report_open_load", "report_expected_open_load", "member_id, team_key, channel"],
  ["report_response_days", "report_expected_response_days", "team_key, channel_key, day, seconds"],
  ["report_agent_replies", "report_expected_agent_replies", "turn_key"],
] as const;

/** Each rollup of a workspace as kept by the triggers, next to its recomputation from history. */
export async function rollupsAndRecomputation(workspaceId: string) {
  const result: { table: string; kept: Rollup[]; recomputed: Rollup[] }[] = [];
  for (const [table, expected, order] of rollupTables) {
    // Zero counters left behind by the open-load trigger say the same as no row.
    const nonZero = table === "report_open_load" ? sql`and open <> 0` : sql``;
    const kept = await rawRows<Rollup>(
      sql`select to_jsonb(t) - 'workspace_id' as row from ${sql.raw(table)} t
        where workspace_id = ${workspaceId} ${nonZero} order by ${sql.raw(order)}`,
    );
    const recomputed = await rawRows<Rollup>(
      sql`select to_jsonb(t) - 'workspace_id' as row from ${sql.raw(expected)}(${workspaceId}::uuid) t
        order by ${sql.raw(order)}`,
    );
    result.push({ table, kept, recomputed });
  }
  return result;
}
