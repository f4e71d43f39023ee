import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  addTeamMemberAction,
  createTeamAction,
  deleteTeamAction,
  removeTeamMemberAction,
  renameTeamAction,
  setTeamRoutingAction,
} from "@/app/(app)/[workspace]/settings/teams/actions";
import { getDb } from "@/db/client";
import {
  activityLog,
  contacts,
  conversationEvents,
  conversations,
  members,
  messages,
  teamMembers,
  teams,
} from "@/db/schema";
import { AppError } from "@/lib/errors";
import { addTeamMember } from "@/lib/teams/add-team-member";
import { createTeam } from "@/lib/teams/create-team";
import { listActiveMembers, listTeams } from "@/lib/teams/queries";
import { removeTeamMember } from "@/lib/teams/remove-team-member";
import { createTeamSchema } from "@/lib/teams/schemas";
import { makeUser, makeWorkspace } from "../support/factories";

async function errorOf(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (error: unknown) => {
      if (error instanceof AppError) return { code: error.code, message: error.message };
      throw error;
    },
  );
}

async function adminMemberOf(workspaceId: string) {
  const db = await getDb();
  const [admin] = await db
    .select()
    .from(members)
    .where(and(eq(members.workspaceId, workspaceId), eq(members.role, "admin")));
  if (!admin) throw new Error("workspace has no admin");
  return admin;
}

async function teamsOf(workspaceId: string) {
  const db = await getDb();
  return db
    .select({ id: teams.id, name: teams.name, routingMode: teams.routingMode })
    .from(teams)
    .where(eq(teams.workspaceId, workspaceId))
    .orderBy(asc(teams.name));
}

async function activityOf(workspaceId: string) {
  const db = await getDb();
  return db
    .select({ type: activityLog.type, data: activityLog.data, actor: activityLog.actorMemberId })
    .from(activityLog)
    .where(eq(activityLog.workspaceId, workspaceId))
    .orderBy(asc(activityLog.createdAt), asc(activityLog.id));
}

async function membershipOf(teamId: string) {
  const db = await getDb();
  const rows = await db
    .select({ memberId: teamMembers.memberId })
    .from(teamMembers)
    .where(eq(teamMembers.teamId, teamId));
  return rows.map((row) => row.memberId).sort();
}

function dataOf<T>(result: { ok: true; data: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(`expected success, got: ${result.error.message}`);
  return result.data;
}

describe("teams: create and rename", () => {
  it("creates and renames teams; a duplicate name in any case is refused and changes nothing", async () => {
    const { workspace, admin } = await makeWorkspace();
    const actor = { userId: admin.id };
    const slug = workspace.slug;

    const support = dataOf(
      await createTeamAction.run(actor, {
        workspace: slug,
        name: "  Support ",
        routingMode: "balanced",
      }),
    );
    expect(support).toMatchObject({ name: "Support", routingMode: "balanced" });
    const sales = dataOf(await createTeamAction.run(actor, { workspace: slug, name: "Sales" }));
    expect(sales.routingMode).toBe("inherit");

    const duplicate = await createTeamAction.run(actor, { workspace: slug, name: "support" });
    const message = 'A team called "Support" already exists.';
    expect(duplicate).toEqual({
      ok: false,
      error: { code: "conflict", message, fields: { name: message } },
    });

    const clash = await renameTeamAction.run(actor, {
      workspace: slug,
      teamId: sales.id,
      name: "SUPPORT",
    });
    expect(clash).toMatchObject({ ok: false, error: { code: "conflict", message } });
    expect(await teamsOf(workspace.id)).toEqual([
      { id: sales.id, name: "Sales", routingMode: "inherit" },
      { id: support.id, name: "Support", routingMode: "balanced" },
    ]);

    const renamed = await renameTeamAction.run(actor, {
      workspace: slug,
      teamId: support.id,
      name: "Customer Care",
    });
    expect(renamed).toEqual({ ok: true, data: { id: support.id, name: "Customer Care" } });
    // A team may change the case of its own name.
    const recased = await renameTeamAction.run(actor, {
      workspace: slug,
      teamId: support.id,
      name: "customer care",
    });
    expect(recased).toMatchObject({ ok: true, data: { name: "customer care" } });
    // The old name is free again.
    expect((await createTeamAction.run(actor, { workspace: slug, name: "Support" })).ok).toBe(true);

    const adminMember = await adminMemberOf(workspace.id);
    expect(await activityOf(workspace.id)).toEqual([
      {
        type: "team.created",
        data: { team: "Support", routingMode: "balanced" },
        actor: adminMember.id,
      },
      {
        type: "team.created",
        data: { team: "Sales", routingMode: "inherit" },
        actor: adminMember.id,
      },
      {
        type: "team.renamed",
        data: { team: "Customer Care", from: "Support" },
        actor: adminMember.id,
      },
      {
        type: "team.renamed",
        data: { team: "customer care", from: "Customer Care" },
        actor: adminMember.id,
      },
      {
        type: "team.created",
        data: { team: "Support", routingMode: "inherit" },
        actor: adminMember.id,
      },
    ]);
  });

  it("refuses an empty or overlong name and an unknown routing mode", async () => {
    const { workspace, admin } = await makeWorkspace();
    const actor = { userId: admin.id };
    const slug = workspace.slug;

    expect(await createTeamAction.run(actor, { workspace: slug, name: "   " })).toEqual({
      ok: false,
      error: { code: "validation", message: "Name the team.", fields: { name: "Name the team." } },
    });
    expect(
      await createTeamAction.run(actor, { workspace: slug, name: "x".repeat(51) }),
    ).toMatchObject({
      ok: false,
      error: { code: "validation", fields: { name: expect.any(String) } },
    });
    expect(
      await createTeamAction.run(actor, { workspace: slug, name: "x".repeat(50) }),
    ).toMatchObject({ ok: true });
    // The form only offers the four modes; anything else sent by hand is refused by the schema.
    const badMode = createTeamSchema.safeParse({ name: "Odd", routingMode: "random" });
    expect(badMode.error?.issues[0]?.message).toBe("Pick a routing mode from the list.");
    const badId = await renameTeamAction.run(actor, { workspace: slug, teamId: "42", name: "X" });
    expect(badId).toMatchObject({ ok: false, error: { code: "validation" } });
    expect(await teamsOf(workspace.id)).toHaveLength(1);
  });
});

describe("teams: who may change them", () => {
  it("lets Admins and Managers manage teams; Agents and Viewers get forbidden, outsiders 404", async () => {
    const { workspace, admin, others } = await makeWorkspace(["manager", "agent", "viewer"]);
    const [manager, agent, viewer] = others;
    if (!manager || !agent || !viewer) throw new Error("missing members");
    const outsider = await makeUser("outsider");
    const slug = workspace.slug;

    const byManager = await createTeamAction.run(
      { userId: manager.user.id },
      { workspace: slug, name: "Billing" },
    );
    const team = dataOf(byManager);

    for (const user of [agent.user, viewer.user]) {
      const actor = { userId: user.id };
      const attempts = [
        await createTeamAction.run(actor, { workspace: slug, name: "Mine" }),
        await renameTeamAction.run(actor, { workspace: slug, teamId: team.id, name: "Mine" }),
        await setTeamRoutingAction.run(actor, {
          workspace: slug,
          teamId: team.id,
          routingMode: "manual",
        }),
        await addTeamMemberAction.run(actor, {
          workspace: slug,
          teamId: team.id,
          memberId: agent.member.id,
        }),
        await removeTeamMemberAction.run(actor, {
          workspace: slug,
          teamId: team.id,
          memberId: agent.member.id,
        }),
        await deleteTeamAction.run(actor, { workspace: slug, teamId: team.id }),
      ];
      for (const attempt of attempts) {
        expect(attempt).toMatchObject({ ok: false, error: { code: "forbidden" } });
      }
    }
    expect(
      await createTeamAction.run({ userId: outsider.id }, { workspace: slug, name: "Mine" }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect(
      await createTeamAction.run({ userId: null }, { workspace: slug, name: "Mine" }),
    ).toMatchObject({ ok: false, error: { code: "unauthenticated" } });

    const byAdmin = await addTeamMemberAction.run(
      { userId: admin.id },
      { workspace: slug, teamId: team.id, memberId: manager.member.id },
    );
    expect(byAdmin.ok).toBe(true);
    expect(await teamsOf(workspace.id)).toEqual([
      { id: team.id, name: "Billing", routingMode: "inherit" },
    ]);
    expect((await activityOf(workspace.id)).map((entry) => entry.actor)).toEqual([
      manager.member.id,
      (await adminMemberOf(workspace.id)).id,
    ]);
  });

  it("answers not_found for another workspace's team or member and changes nothing there", async () => {
    const db = await getDb();
    const ours = await makeWorkspace(["agent"]);
    const theirs = await makeWorkspace(["agent"]);
    const theirAgent = theirs.others[0];
    const ourAgent = ours.others[0];
    if (!theirAgent || !ourAgent) throw new Error("missing members");
    const theirAdmin = await adminMemberOf(theirs.workspace.id);
    const theirTeam = await createTeam(db, {
      workspaceId: theirs.workspace.id,
      actorMemberId: theirAdmin.id,
      name: "Theirs",
      routingMode: "manual",
    });
    await addTeamMember(db, {
      workspaceId: theirs.workspace.id,
      actorMemberId: theirAdmin.id,
      teamId: theirTeam.id,
      memberId: theirAgent.member.id,
    });
    const ourTeam = dataOf(
      await createTeamAction.run(
        { userId: ours.admin.id },
        { workspace: ours.workspace.slug, name: "Ours" },
      ),
    );
    const activityBefore = await activityOf(theirs.workspace.id);

    const actor = { userId: ours.admin.id };
    const workspace = ours.workspace.slug;
    const teamId = theirTeam.id;
    const teamNotFound = {
      ok: false,
      error: {
        code: "not_found",
        message: "That team does not exist or you do not have access to it.",
      },
    };
    expect(await renameTeamAction.run(actor, { workspace, teamId, name: "Mine" })).toEqual(
      teamNotFound,
    );
    expect(
      await setTeamRoutingAction.run(actor, { workspace, teamId, routingMode: "balanced" }),
    ).toEqual(teamNotFound);
    expect(
      await addTeamMemberAction.run(actor, { workspace, teamId, memberId: ourAgent.member.id }),
    ).toEqual(teamNotFound);
    expect(
      await removeTeamMemberAction.run(actor, {
        workspace,
        teamId,
        memberId: theirAgent.member.id,
      }),
    ).toEqual(teamNotFound);
    expect(await deleteTeamAction.run(actor, { workspace, teamId })).toEqual(teamNotFound);

    // Their member into our team.
    expect(
      await addTeamMemberAction.run(actor, {
        workspace,
        teamId: ourTeam.id,
        memberId: theirAgent.member.id,
      }),
    ).toEqual({
      ok: false,
      error: {
        code: "not_found",
        message: "That member does not exist or you do not have access to it.",
      },
    });

    expect(await teamsOf(theirs.workspace.id)).toEqual([
      { id: theirTeam.id, name: "Theirs", routingMode: "manual" },
    ]);
    expect(await membershipOf(theirTeam.id)).toEqual([theirAgent.member.id]);
    expect(await membershipOf(ourTeam.id)).toEqual([]);
    expect(await activityOf(theirs.workspace.id)).toEqual(activityBefore);
  });
});

describe("teams: members and routing", () => {
  it("adds and removes members; refuses doubles, removed members and other workspaces' members", async () => {
    const db = await getDb();
    const { workspace, others } = await makeWorkspace(["agent", "manager", "agent"]);
    const [sam, morgan, gone] = others;
    if (!sam || !morgan || !gone) throw new Error("missing members");
    const foreign = await makeWorkspace(["agent"]);
    const stranger = foreign.others[0];
    if (!stranger) throw new Error("missing stranger");
    const admin = await adminMemberOf(workspace.id);
    const scope = { workspaceId: workspace.id, actorMemberId: admin.id };
    const team = await createTeam(db, { ...scope, name: "Support", routingMode: "inherit" });
    const teamId = team.id;

    expect(await addTeamMember(db, { ...scope, teamId, memberId: sam.member.id })).toEqual({
      team: "Support",
      member: sam.user.name,
    });
    await addTeamMember(db, { ...scope, teamId, memberId: morgan.member.id });
    expect(await errorOf(addTeamMember(db, { ...scope, teamId, memberId: sam.member.id }))).toEqual(
      { code: "conflict", message: `${sam.user.name} is already in Support.` },
    );

    await db.update(members).set({ removedAt: new Date() }).where(eq(members.id, gone.member.id));
    expect(
      await errorOf(addTeamMember(db, { ...scope, teamId, memberId: gone.member.id })),
    ).toMatchObject({ code: "not_found" });
    expect(
      await errorOf(addTeamMember(db, { ...scope, teamId, memberId: stranger.member.id })),
    ).toMatchObject({ code: "not_found" });
    expect(await membershipOf(teamId)).toEqual([sam.member.id, morgan.member.id].sort());

    const [listed] = await listTeams(db, workspace.id);
    expect(listed?.members.map((member) => member.memberId).sort()).toEqual(
      [sam.member.id, morgan.member.id].sort(),
    );
    expect(listed?.members.find((member) => member.memberId === morgan.member.id)).toEqual({
      memberId: morgan.member.id,
      name: morgan.user.name,
      email: morgan.user.email,
      image: null,
      role: "manager",
      status: "offline",
    });
    const pickable = await listActiveMembers(db, workspace.id);
    expect(pickable.map((member) => member.memberId)).not.toContain(gone.member.id);
    expect(pickable).toHaveLength(3);

    const removed = await removeTeamMemberAction.run(
      { userId: morgan.user.id },
      { workspace: workspace.slug, teamId, memberId: sam.member.id },
    );
    expect(removed).toEqual({ ok: true, data: { team: "Support", member: sam.user.name } });
    expect(await membershipOf(teamId)).toEqual([morgan.member.id]);
    expect(
      await errorOf(removeTeamMember(db, { ...scope, teamId, memberId: sam.member.id })),
    ).toEqual({ code: "conflict", message: `${sam.user.name} is not in Support.` });
    expect(
      await errorOf(removeTeamMember(db, { ...scope, teamId, memberId: stranger.member.id })),
    ).toMatchObject({ code: "not_found" });

    const entries = await activityOf(workspace.id);
    expect(entries.slice(1)).toEqual([
      {
        type: "team.member_added",
        data: { team: "Support", member: sam.user.name },
        actor: admin.id,
      },
      {
        type: "team.member_added",
        data: { team: "Support", member: morgan.user.name },
        actor: admin.id,
      },
      {
        type: "team.member_removed",
        data: { team: "Support", member: sam.user.name },
        actor: morgan.member.id,
      },
    ]);
  });

  it("lists teams by name with their active members and conversation counts", async () => {
    const db = await getDb();
    const { workspace, others } = await makeWorkspace(["agent"]);
    const agent = others[0];
    if (!agent) throw new Error("missing agent");
    const admin = await adminMemberOf(workspace.id);
    const scope = { workspaceId: workspace.id, actorMemberId: admin.id };
    for (const name of ["sales", "Billing", "Support"]) {
      await createTeam(db, { ...scope, name, routingMode: "inherit" });
    }
    const listed = await listTeams(db, workspace.id);
    expect(listed.map((team) => team.name)).toEqual(["Billing", "sales", "Support"]);
    const support = listed[2];
    if (!support) throw new Error("missing team");
    await addTeamMember(db, { ...scope, teamId: support.id, memberId: agent.member.id });
    // A member removed from the workspace no longer shows in their teams.
    await db.update(members).set({ removedAt: new Date() }).where(eq(members.id, agent.member.id));
    const after = await listTeams(db, workspace.id);
    expect(after[2]).toEqual({ ...support, members: [], conversationCount: 0 });
    expect(await listTeams(db, (await makeWorkspace()).workspace.id)).toEqual([]);
  });

  it("changes the routing mode and records from → to", async () => {
    const { workspace, admin } = await makeWorkspace();
    const actor = { userId: admin.id };
    const slug = workspace.slug;
    const team = dataOf(await createTeamAction.run(actor, { workspace: slug, name: "Support" }));

    for (const routingMode of ["round_robin", "round_robin", "manual"] as const) {
      const result = await setTeamRoutingAction.run(actor, {
        workspace: slug,
        teamId: team.id,
        routingMode,
      });
      expect(result).toEqual({ ok: true, data: { id: team.id, name: "Support", routingMode } });
    }
    expect(await teamsOf(workspace.id)).toEqual([
      { id: team.id, name: "Support", routingMode: "manual" },
    ]);
    // Setting the mode it already has records nothing.
    expect((await activityOf(workspace.id)).slice(1).map((entry) => entry.data)).toEqual([
      { team: "Support", from: "inherit", to: "round_robin" },
      { team: "Support", from: "round_robin", to: "manual" },
    ]);
  });
});

describe("teams: delete", () => {
  it("clears the team from its conversations with an event each; conversations and messages stay", async () => {
    const db = await getDb();
    const { workspace, admin, others } = await makeWorkspace(["agent"]);
    const agent = others[0];
    if (!agent) throw new Error("missing agent");
    const actor = { userId: admin.id };
    const slug = workspace.slug;
    const support = dataOf(await createTeamAction.run(actor, { workspace: slug, name: "Support" }));
    const sales = dataOf(await createTeamAction.run(actor, { workspace: slug, name: "Sales" }));
    await addTeamMemberAction.run(actor, {
      workspace: slug,
      teamId: support.id,
      memberId: agent.member.id,
    });

    const [contact] = await db
      .insert(contacts)
      .values({ workspaceId: workspace.id, name: "Casey Customer" })
      .returning();
    if (!contact) throw new Error("no contact");
    const conversationRows = await db
      .insert(conversations)
      .values([
        {
          workspaceId: workspace.id,
          contactId: contact.id,
          channel: "web_chat",
          teamId: support.id,
        },
        {
          workspaceId: workspace.id,
          contactId: contact.id,
          channel: "whatsapp",
          teamId: support.id,
          status: "closed",
          closedAt: new Date(),
        },
        { workspaceId: workspace.id, contactId: contact.id, channel: "api", teamId: sales.id },
      ])
      .returning({ id: conversations.id });
    const ids = conversationRows.map((row) => row.id);
    await db.insert(messages).values(
      ids.map((conversationId) => ({
        workspaceId: workspace.id,
        conversationId,
        kind: "inbound" as const,
        body: "Hello?",
      })),
    );
    const [listedSupport] = (await listTeams(db, workspace.id)).filter(
      (team) => team.id === support.id,
    );
    expect(listedSupport?.conversationCount).toBe(2);

    const deleted = await deleteTeamAction.run(actor, { workspace: slug, teamId: support.id });
    expect(deleted).toEqual({
      ok: true,
      data: { id: support.id, name: "Support", conversationsCleared: 2 },
    });

    expect(await teamsOf(workspace.id)).toEqual([
      { id: sales.id, name: "Sales", routingMode: "inherit" },
    ]);
    expect(await membershipOf(support.id)).toEqual([]);
    const after = await db
      .select({ id: conversations.id, teamId: conversations.teamId, status: conversations.status })
      .from(conversations)
      .where(eq(conversations.workspaceId, workspace.id));
    expect(new Map(after.map((row) => [row.id, row.teamId]))).toEqual(
      new Map([
        [ids[0], null],
        [ids[1], null],
        [ids[2], sales.id],
      ]),
    );
    expect(after.find((row) => row.id === ids[1])?.status).toBe("closed");
    const kept = await db
      .select({ id: messages.id })
      .from(messages)
      .where(eq(messages.workspaceId, workspace.id));
    expect(kept).toHaveLength(3);

    const adminMember = await adminMemberOf(workspace.id);
    const events = await db
      .select({
        conversationId: conversationEvents.conversationId,
        type: conversationEvents.type,
        actorMemberId: conversationEvents.actorMemberId,
        data: conversationEvents.data,
      })
      .from(conversationEvents)
      .where(eq(conversationEvents.workspaceId, workspace.id));
    expect(events).toHaveLength(2);
    expect(events.map((event) => event.conversationId).sort()).toEqual([ids[0], ids[1]].sort());
    for (const event of events) {
      expect(event).toMatchObject({
        type: "team_unassigned",
        actorMemberId: adminMember.id,
        data: { from: support.id, fromName: "Support", reason: "team_deleted" },
      });
    }
    expect((await activityOf(workspace.id)).at(-1)).toEqual({
      type: "team.deleted",
      data: { team: "Support", conversations: 2 },
      actor: adminMember.id,
    });

    expect(
      await deleteTeamAction.run(actor, { workspace: slug, teamId: support.id }),
    ).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});
