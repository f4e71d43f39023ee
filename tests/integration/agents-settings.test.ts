import { and, asc, eq, ilike } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  addKnowledgeAction,
  createAgentAction,
  deleteAgentAction,
  deleteKnowledgeAction,
  importKnowledgeAction,
  updateAgentAction,
  updateKnowledgeAction,
} from "@/app/(app)/[workspace]/settings/agents/actions";
import { agentKnowledge, agentSessions, aiAgents, conversations, teams } from "@/db/schema";
import { KNOWLEDGE_LIMIT } from "@/lib/agents/knowledge-cache";
import {
  findAgent,
  listAgents,
  listAgentsForPicker,
  listKnowledge,
} from "@/lib/agents/list-agents";
import { assignAgent } from "@/lib/assignment/agent-sessions";
import type { Actor } from "@/lib/auth/actions";
import type { Result } from "@/lib/errors";
import { type AssignmentWorld, arrive, buildWorld, viewerOf } from "../support/assignment-world";

function dataOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got: ${result.error.message}`);
  return result.data;
}

type Run = (actor: Actor, input: unknown) => Promise<Result<unknown>>;

/** Runs an action with input its form could never build, as a hand-made request would. */
function runRaw(
  action: { run: (actor: Actor, input: never) => unknown },
  actor: Actor,
  input: unknown,
) {
  return (action.run as Run)(actor, input);
}

const actorOf = (world: AssignmentWorld): Actor => ({ userId: world.admin.user.id });

async function newAgent(world: AssignmentWorld, input: Record<string, unknown> = {}) {
  const created = await createAgentAction.run(actorOf(world), {
    workspace: world.slug,
    name: "Helper",
    ...input,
  });
  return dataOf(created);
}

async function newTeam(world: AssignmentWorld, name: string) {
  const [team] = await world.db
    .insert(teams)
    .values({ workspaceId: world.workspaceId, name })
    .returning();
  if (!team) throw new Error("team insert returned nothing");
  return team;
}

async function agentRow(world: AssignmentWorld, agentId: string) {
  const [row] = await world.db.select().from(aiAgents).where(eq(aiAgents.id, agentId));
  if (!row) throw new Error("agent row missing");
  return row;
}

async function knowledgeOf(world: AssignmentWorld, agentId: string) {
  return world.db
    .select({ kind: agentKnowledge.kind, title: agentKnowledge.title, body: agentKnowledge.body })
    .from(agentKnowledge)
    .where(eq(agentKnowledge.agentId, agentId))
    .orderBy(asc(agentKnowledge.title));
}

describe("AI agents: create and update", () => {
  it("creates an agent with defaults, stores hours as minutes and refuses a duplicate name in any case", async () => {
    const world = await buildWorld();
    const actor = actorOf(world);
    const support = await newTeam(world, "Support");

    const created = await newAgent(world, {
      name: "  Ava  ",
      handoffTeamId: support.id,
      maxSessionHours: 2,
    });
    expect(created).toMatchObject({
      name: "Ava",
      redirectTo: `/${world.slug}/settings/agents/${created.id}`,
    });
    expect(await agentRow(world, created.id)).toMatchObject({
      workspaceId: world.workspaceId,
      name: "Ava",
      avatar: "🤖",
      instructions: "",
      handoffTeamId: support.id,
      sendInitialMessage: false,
      initialMessage: "",
      maxSessionMinutes: 120,
      deletedAt: null,
    });
    // The defaults of a bare create: a robot, no team, a day-long session.
    const bare = await newAgent(world, { name: "Bo" });
    expect(await agentRow(world, bare.id)).toMatchObject({
      handoffTeamId: null,
      maxSessionMinutes: 1440,
    });

    const message = 'An agent named "Ava" already exists.';
    expect(await createAgentAction.run(actor, { workspace: world.slug, name: "AVA" })).toEqual({
      ok: false,
      error: { code: "conflict", message, fields: { name: message } },
    });
    const clash = await updateAgentAction.run(actor, {
      workspace: world.slug,
      agentId: bare.id,
      name: "ava",
    });
    expect(clash).toMatchObject({ ok: false, error: { code: "conflict", message } });
    expect((await agentRow(world, bare.id)).name).toBe("Bo");
  });

  it("validates every field with a message a person can act on", async () => {
    const world = await buildWorld();
    const actor = actorOf(world);
    const attempt = (input: Record<string, unknown>) =>
      createAgentAction.run(actor, { workspace: world.slug, name: "Valid", ...input });
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ name: "   " }, "name", "Name the agent."],
      [{ name: "x".repeat(61) }, "name", "Keep the agent's name to 60 characters or fewer."],
      [{ avatar: "ab" }, "avatar", "Pick one emoji as the avatar."],
      [{ avatar: "🤖🦉" }, "avatar", "Pick one emoji as the avatar."],
      [
        { instructions: "x".repeat(4001) },
        "instructions",
        "Keep the instructions to 4,000 characters or fewer.",
      ],
      [
        { sendInitialMessage: true, initialMessage: "  " },
        "initialMessage",
        "Write the initial message, or turn it off.",
      ],
      [
        { initialMessage: "x".repeat(1001) },
        "initialMessage",
        "Keep the initial message to 1,000 characters or fewer.",
      ],
      [{ maxSessionHours: 0 }, "maxSessionHours", "Enter a number of hours from 1 to 168."],
      [{ maxSessionHours: 169 }, "maxSessionHours", "Sessions last at most 168 hours (a week)."],
      [{ maxSessionHours: 1.5 }, "maxSessionHours", "Enter a whole number of hours."],
      [
        { maxSessionHours: Number.NaN },
        "maxSessionHours",
        "Enter a number of hours from 1 to 168.",
      ],
      [
        { handoffTeamId: "not-a-uuid" },
        "handoffTeamId",
        "That team does not exist or you do not have access to it.",
      ],
    ];
    for (const [input, field, message] of refusals) {
      const result = await attempt(input);
      expect(result, JSON.stringify(input).slice(0, 80)).toMatchObject({
        ok: false,
        error: { code: "validation", fields: { [field]: message } },
      });
    }
    // The limits themselves pass; a greeting kept while switched off is fine.
    const edge = await attempt({
      name: "y".repeat(60),
      avatar: "🦉",
      instructions: "x".repeat(4000),
      sendInitialMessage: false,
      initialMessage: "Hi!",
      maxSessionHours: 168,
    });
    expect(edge.ok).toBe(true);
    const rows = await world.db
      .select()
      .from(aiAgents)
      .where(eq(aiAgents.workspaceId, world.workspaceId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      avatar: "🦉",
      initialMessage: "Hi!",
      maxSessionMinutes: 10080,
    });
  });

  it("updates every setting; a recase of its own name is fine", async () => {
    const world = await buildWorld();
    const sales = await newTeam(world, "Sales");
    const agent = await newAgent(world);
    const updated = await updateAgentAction.run(actorOf(world), {
      workspace: world.slug,
      agentId: agent.id,
      name: "helper",
      avatar: "🦊",
      instructions: "Be brief.",
      handoffTeamId: sales.id,
      sendInitialMessage: true,
      initialMessage: " Hi, I'm the helper. ",
      maxSessionHours: 8,
    });
    expect(updated).toEqual({ ok: true, data: { id: agent.id, name: "helper" } });
    expect(
      await findAgent(world.db, { workspaceId: world.workspaceId, agentId: agent.id }),
    ).toMatchObject({
      name: "helper",
      avatar: "🦊",
      instructions: "Be brief.",
      handoffTeamId: sales.id,
      handoffTeamName: "Sales",
      sendInitialMessage: true,
      initialMessage: "Hi, I'm the helper.",
      maxSessionMinutes: 480,
      maxSessionHours: 8,
      knowledgeCount: 0,
      activeSessionCount: 0,
    });
    // "No team": the conversation waits in Unassigned after a handoff.
    const cleared = await updateAgentAction.run(actorOf(world), {
      workspace: world.slug,
      agentId: agent.id,
      name: "helper",
      handoffTeamId: "",
    });
    expect(cleared.ok).toBe(true);
    expect((await agentRow(world, agent.id)).handoffTeamId).toBeNull();
  });

  it("lets Managers manage agents; Agents and Viewers are refused", async () => {
    const world = await buildWorld({ people: { Mia: "manager", Gus: "agent", Vic: "viewer" } });
    const as = (name: string): Actor => ({ userId: world.people[name]?.user.id ?? null });
    const made = await createAgentAction.run(as("Mia"), { workspace: world.slug, name: "Mia's" });
    expect(made.ok).toBe(true);
    for (const name of ["Gus", "Vic"]) {
      const refused = await createAgentAction.run(as(name), { workspace: world.slug, name });
      expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
  });
});

describe("AI agents: another workspace's ids", () => {
  it("answer not found and change nothing there", async () => {
    const home = await buildWorld();
    const away = await buildWorld();
    const awayTeam = await newTeam(away, "Away team");
    const awayAgent = await newAgent(away, { name: "Away agent" });
    const awayEntry = dataOf(
      await addKnowledgeAction.run(actorOf(away), {
        workspace: away.slug,
        agentId: awayAgent.id,
        kind: "qa",
        title: "Secret?",
        body: "Yes",
      }),
    );
    const homeAgent = await newAgent(home);
    const actor = actorOf(home);
    const workspace = home.slug;

    const attempts: [string, Promise<Result<unknown>>][] = [
      [
        "create with a foreign handoff team",
        createAgentAction.run(actor, { workspace, name: "X", handoffTeamId: awayTeam.id }),
      ],
      [
        "update with a foreign handoff team",
        updateAgentAction.run(actor, {
          workspace,
          agentId: homeAgent.id,
          name: "Helper",
          handoffTeamId: awayTeam.id,
        }),
      ],
      ["update", updateAgentAction.run(actor, { workspace, agentId: awayAgent.id, name: "Mine" })],
      ["delete", deleteAgentAction.run(actor, { workspace, agentId: awayAgent.id })],
      [
        "add knowledge",
        addKnowledgeAction.run(actor, {
          workspace,
          agentId: awayAgent.id,
          kind: "qa",
          title: "Q",
          body: "A",
        }),
      ],
      [
        "edit knowledge",
        updateKnowledgeAction.run(actor, {
          workspace,
          entryId: awayEntry.id,
          kind: "qa",
          title: "Mine",
          body: "A",
        }),
      ],
      ["delete knowledge", deleteKnowledgeAction.run(actor, { workspace, entryId: awayEntry.id })],
      [
        "import",
        importKnowledgeAction.run(actor, {
          workspace,
          agentId: awayAgent.id,
          csv: "question,answer\nQ,A\n",
        }),
      ],
    ];
    for (const [label, attempt] of attempts) {
      const result = await attempt;
      expect(result, label).toMatchObject({ ok: false, error: { code: "not_found" } });
      expect(JSON.stringify(result), label).not.toMatch(/Away|Secret/);
    }
    expect(await agentRow(away, awayAgent.id)).toMatchObject({
      name: "Away agent",
      deletedAt: null,
    });
    expect(await knowledgeOf(away, awayAgent.id)).toEqual([
      { kind: "qa", title: "Secret?", body: "Yes" },
    ]);
    expect((await agentRow(home, homeAgent.id)).handoffTeamId).toBeNull();
    expect(await listAgents(home.db, home.workspaceId)).toHaveLength(1);

    // The queries filter by workspace too.
    expect(
      await findAgent(home.db, { workspaceId: home.workspaceId, agentId: awayAgent.id }),
    ).toBeNull();
    const leaked = await listKnowledge(home.db, {
      workspaceId: home.workspaceId,
      agentId: awayAgent.id,
    });
    expect(leaked).toEqual({ entries: [], total: 0, matching: 0 });
  });
});

describe("AI agents: knowledge", () => {
  it("adds, edits and deletes Q&A and articles within their limits", async () => {
    const world = await buildWorld();
    const actor = actorOf(world);
    const workspace = world.slug;
    const agent = await newAgent(world);

    const qa = dataOf(
      await addKnowledgeAction.run(actor, {
        workspace,
        agentId: agent.id,
        kind: "qa",
        title: " When do you open? ",
        body: "At 9.",
      }),
    );
    expect(qa).toMatchObject({ kind: "qa", title: "When do you open?" });
    const article = dataOf(
      await addKnowledgeAction.run(actor, {
        workspace,
        agentId: agent.id,
        kind: "article",
        title: "Returns",
        body: "y".repeat(20_000),
      }),
    );

    const refusals: [Record<string, unknown>, string, string][] = [
      [
        { kind: "qa", title: "x".repeat(501), body: "A" },
        "title",
        "Keep the question to 500 characters or fewer.",
      ],
      [
        { kind: "qa", title: "Q", body: "x".repeat(4001) },
        "body",
        "Keep the answer to 4,000 characters or fewer.",
      ],
      [{ kind: "qa", title: "Q", body: " " }, "body", "Write the answer."],
      [
        { kind: "article", title: "x".repeat(201), body: "B" },
        "title",
        "Keep the title to 200 characters or fewer.",
      ],
      [
        { kind: "article", title: "T", body: "x".repeat(20_001) },
        "body",
        "Keep the text to 20,000 characters or fewer.",
      ],
      [{ kind: "faq", title: "T", body: "B" }, "kind", "Choose Q&A or article."],
    ];
    for (const [input, field, message] of refusals) {
      const result = await runRaw(addKnowledgeAction, actor, {
        workspace,
        agentId: agent.id,
        ...input,
      });
      expect(result, message).toMatchObject({
        ok: false,
        error: { code: "validation", fields: { [field]: message } },
      });
    }

    const edited = await updateKnowledgeAction.run(actor, {
      workspace,
      entryId: qa.id,
      kind: "qa",
      title: "When do you open on Sundays?",
      body: "At 10.",
    });
    expect(edited).toMatchObject({ ok: true, data: { title: "When do you open on Sundays?" } });
    const deleted = await deleteKnowledgeAction.run(actor, { workspace, entryId: article.id });
    expect(deleted).toEqual({
      ok: true,
      data: { id: article.id, agentId: agent.id, title: "Returns" },
    });
    expect(await knowledgeOf(world, agent.id)).toEqual([
      { kind: "qa", title: "When do you open on Sundays?", body: "At 10." },
    ]);
    const again = await deleteKnowledgeAction.run(actor, { workspace, entryId: article.id });
    expect(again).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("imports a CSV with quoted commas, line breaks and quotes; a bad row imports nothing", async () => {
    const world = await buildWorld();
    const actor = actorOf(world);
    const workspace = world.slug;
    const agent = await newAgent(world);

    const good = [
      "question,answer",
      '"Do you ship to Paris, Lyon or Nice?","Yes, to all three.',
      'Delivery takes ""2 days"" at most."',
      "What is your refund policy?,Refunds within 30 days.",
      "",
    ].join("\r\n");
    const imported = await importKnowledgeAction.run(actor, {
      workspace,
      agentId: agent.id,
      csv: good,
    });
    expect(imported).toEqual({ ok: true, data: { imported: 2 } });
    expect(await knowledgeOf(world, agent.id)).toEqual([
      {
        kind: "qa",
        title: "Do you ship to Paris, Lyon or Nice?",
        body: 'Yes, to all three.\r\nDelivery takes "2 days" at most.',
      },
      { kind: "qa", title: "What is your refund policy?", body: "Refunds within 30 days." },
    ]);
    // The file's order is the list's order.
    const listed = await listKnowledge(world.db, {
      workspaceId: world.workspaceId,
      agentId: agent.id,
    });
    expect(listed.entries.map((entry) => entry.title)).toEqual([
      "Do you ship to Paris, Lyon or Nice?",
      "What is your refund policy?",
    ]);

    const mixed =
      'title,body,kind\nWarranty,"Two years, parts and labour.",article\nHours?,9 to 5,qa\n';
    expect(
      await importKnowledgeAction.run(actor, { workspace, agentId: agent.id, csv: mixed }),
    ).toEqual({
      ok: true,
      data: { imported: 2 },
    });

    const bad = "question,answer\nIs it free?,Yes\nNo answer,\nThird?,Fine\n";
    const refused = await importKnowledgeAction.run(actor, {
      workspace,
      agentId: agent.id,
      csv: bad,
    });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: "validation",
        message: "Row 3: Write the answer.",
        fields: { csv: "Row 3: Write the answer." },
      },
    });
    const unclosed = 'question,answer\nA,B\n"Never closed,C\n';
    expect(
      await importKnowledgeAction.run(actor, { workspace, agentId: agent.id, csv: unclosed }),
    ).toMatchObject({
      ok: false,
      error: {
        code: "validation",
        message: expect.stringMatching(/^Row 3: a quoted field is never closed/),
      },
    });
    const tooBig = `question,answer\n"${"x".repeat(1_048_576)}",y\n`;
    expect(
      await importKnowledgeAction.run(actor, { workspace, agentId: agent.id, csv: tooBig }),
    ).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { csv: expect.stringMatching(/larger than 1 MB/) } },
    });
    // Nothing of the refused files was imported.
    expect(await knowledgeOf(world, agent.id)).toHaveLength(4);
  });

  it(`refuses knowledge past the ${KNOWLEDGE_LIMIT.toLocaleString("en")} entries an agent answers from`, async () => {
    const world = await buildWorld();
    const actor = actorOf(world);
    const agent = await newAgent(world);
    await world.db.insert(agentKnowledge).values(
      Array.from({ length: KNOWLEDGE_LIMIT - 1 }, (_, i) => ({
        workspaceId: world.workspaceId,
        agentId: agent.id,
        kind: "qa" as const,
        title: `Question ${i}?`,
        body: `Answer ${i}.`,
      })),
    );
    const add = (title: string) =>
      addKnowledgeAction.run(actor, {
        workspace: world.slug,
        agentId: agent.id,
        kind: "qa",
        title,
        body: "Yes.",
      });
    expect((await add("The last one that fits?")).ok).toBe(true);
    const refused = await add("One too many?");
    expect(refused).toMatchObject({
      ok: false,
      error: { code: "validation", message: expect.stringContaining("at most 5,000 entries") },
    });
    const imported = await importKnowledgeAction.run(actor, {
      workspace: world.slug,
      agentId: agent.id,
      csv: "question,answer\r\nA?,B.\r\n",
    });
    expect(imported.ok).toBe(false);
    expect(await knowledgeOf(world, agent.id)).toHaveLength(KNOWLEDGE_LIMIT);
  });

  it("searches an agent's knowledge by word, by part of a word, and by kind", async () => {
    const world = await buildWorld();
    const agent = await newAgent(world);
    const other = await newAgent(world, { name: "Other" });
    const csv = [
      "title,body,kind",
      "What is your refund policy?,Money back within 30 days.,qa",
      "Shipping,We ship worldwide with tracking.,article",
      "100% cotton?,Yes: every shirt_type is cotton.,qa",
      "",
    ].join("\n");
    dataOf(
      await importKnowledgeAction.run(actorOf(world), {
        workspace: world.slug,
        agentId: agent.id,
        csv,
      }),
    );
    dataOf(
      await importKnowledgeAction.run(actorOf(world), {
        workspace: world.slug,
        agentId: other.id,
        csv: "question,answer\nRefund for other?,Never\n",
      }),
    );
    const search = (query: string, kind: "qa" | "article" | null = null) =>
      listKnowledge(world.db, {
        workspaceId: world.workspaceId,
        agentId: agent.id,
        query,
        kind,
      }).then((result) => ({ titles: result.entries.map((entry) => entry.title), ...result }));

    expect((await search("refund")).titles).toEqual(["What is your refund policy?"]);
    expect((await search("MONEY back")).titles).toEqual(["What is your refund policy?"]);
    // Partial words fall back to ILIKE, every word somewhere in the entry.
    expect((await search("refun")).titles).toEqual(["What is your refund policy?"]);
    expect((await search("worldw track")).titles).toEqual(["Shipping"]);
    // Pattern characters are literal.
    expect((await search("100%")).titles).toEqual(["100% cotton?"]);
    expect((await search("t_pe")).titles).toEqual([]);
    expect((await search("shirt_type")).titles).toEqual(["100% cotton?"]);
    expect((await search("nothing-like-this")).titles).toEqual([]);
    expect(await search("ship", "article")).toMatchObject({
      titles: ["Shipping"],
      total: 3,
      matching: 1,
    });
    expect(await search("", "qa")).toMatchObject({ total: 3, matching: 2 });
    expect((await search("")).titles).toHaveLength(3);
  });
});

describe("AI agents: lists and delete", () => {
  it("lists live agents by name with their team, knowledge and active sessions; the picker too", async () => {
    const world = await buildWorld();
    const support = await newTeam(world, "Support");
    const zed = await newAgent(world, { name: "zed", avatar: "🦉" });
    const amy = await newAgent(world, {
      name: "Amy",
      handoffTeamId: support.id,
      sendInitialMessage: true,
      initialMessage: "Hello!",
    });
    dataOf(
      await importKnowledgeAction.run(actorOf(world), {
        workspace: world.slug,
        agentId: amy.id,
        csv: "question,answer\nA?,a\nB?,b\n",
      }),
    );
    const conversation = await arrive(world);
    await assignAgent(world.db, {
      viewer: await viewerOf(world),
      conversationId: conversation.id,
      agentId: zed.id,
      sendInitialMessage: false,
    });

    expect(await listAgents(world.db, world.workspaceId)).toEqual([
      {
        id: amy.id,
        name: "Amy",
        avatar: "🤖",
        handoffTeamName: "Support",
        knowledgeCount: 2,
        activeSessionCount: 0,
      },
      {
        id: zed.id,
        name: "zed",
        avatar: "🦉",
        handoffTeamName: null,
        knowledgeCount: 0,
        activeSessionCount: 1,
      },
    ]);
    expect(await listAgentsForPicker(world.db, world.workspaceId)).toEqual([
      {
        id: amy.id,
        name: "Amy",
        avatar: "🤖",
        sendInitialMessage: true,
        initialMessage: "Hello!",
        handoffTeamName: "Support",
      },
      {
        id: zed.id,
        name: "zed",
        avatar: "🦉",
        sendInitialMessage: false,
        initialMessage: "",
        handoffTeamName: null,
      },
    ]);
  });

  it("deletes an agent softly, ending its active sessions in the same transaction; its name is free again", async () => {
    const world = await buildWorld();
    const agent = await newAgent(world, { name: "Closer" });
    const bystander = await newAgent(world, { name: "Bystander" });
    const first = await arrive(world);
    const second = await arrive(world);
    const third = await arrive(world);
    const viewer = await viewerOf(world);
    for (const conversation of [first, second]) {
      await assignAgent(world.db, { viewer, conversationId: conversation.id, agentId: agent.id });
    }
    await assignAgent(world.db, { viewer, conversationId: third.id, agentId: bystander.id });
    expect(
      await findAgent(world.db, { workspaceId: world.workspaceId, agentId: agent.id }),
    ).toMatchObject({
      activeSessionCount: 2,
    });

    const deleted = await deleteAgentAction.run(actorOf(world), {
      workspace: world.slug,
      agentId: agent.id,
    });
    expect(deleted).toEqual({ ok: true, data: { id: agent.id, name: "Closer", sessionsEnded: 2 } });

    expect((await agentRow(world, agent.id)).deletedAt).toBeInstanceOf(Date);
    const sessions = await world.db
      .select({
        conversationId: agentSessions.conversationId,
        endReason: agentSessions.endReason,
        endedBy: agentSessions.endedByMemberId,
        ended: agentSessions.endedAt,
      })
      .from(agentSessions)
      .where(eq(agentSessions.agentId, agent.id));
    expect(sessions).toHaveLength(2);
    for (const session of sessions) {
      expect(session).toMatchObject({ endReason: "agent_deleted", endedBy: world.admin.member.id });
      expect(session.ended).toBeInstanceOf(Date);
    }
    const rows = await world.db
      .select({ id: conversations.id, agentSessionId: conversations.agentSessionId })
      .from(conversations)
      .where(eq(conversations.workspaceId, world.workspaceId))
      .orderBy(asc(conversations.id));
    const sessionOf = new Map(rows.map((row) => [row.id, row.agentSessionId]));
    expect(sessionOf.get(first.id)).toBeNull();
    expect(sessionOf.get(second.id)).toBeNull();
    // The other agent's session goes on.
    expect(sessionOf.get(third.id)).not.toBeNull();

    expect(
      await findAgent(world.db, { workspaceId: world.workspaceId, agentId: agent.id }),
    ).toBeNull();
    expect((await listAgents(world.db, world.workspaceId)).map((row) => row.name)).toEqual([
      "Bystander",
    ]);
    for (const attempt of [
      updateAgentAction.run(actorOf(world), {
        workspace: world.slug,
        agentId: agent.id,
        name: "Back",
      }),
      deleteAgentAction.run(actorOf(world), { workspace: world.slug, agentId: agent.id }),
      addKnowledgeAction.run(actorOf(world), {
        workspace: world.slug,
        agentId: agent.id,
        kind: "qa",
        title: "Q",
        body: "A",
      }),
    ]) {
      expect(await attempt).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    // A new agent may take the deleted one's name.
    expect(
      (await createAgentAction.run(actorOf(world), { workspace: world.slug, name: "closer" })).ok,
    ).toBe(true);
    const named = await world.db
      .select({ name: aiAgents.name, deletedAt: aiAgents.deletedAt })
      .from(aiAgents)
      .where(and(eq(aiAgents.workspaceId, world.workspaceId), ilike(aiAgents.name, "closer")))
      .orderBy(asc(aiAgents.createdAt));
    expect(named.map((row) => [row.name, row.deletedAt === null])).toEqual([
      ["Closer", false],
      ["closer", true],
    ]);
  });
});
