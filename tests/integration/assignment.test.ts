import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  conversations,
  members,
  routingPositions,
  teamMembers,
  teams,
  workspaces,
} from "@/db/schema";
import {
  assignMember,
  assignTeam,
  claimConversation,
  setAssignmentDisabled,
  unassignConversation,
} from "@/lib/assignment/assign-conversation";
import { drainQueue } from "@/lib/assignment/drain-queue";
import type { RoutingDecision } from "@/lib/assignment/routing-decision";
import { sendMessage } from "@/lib/conversations/send-message";
import { AppError } from "@/lib/errors";
import { changeRole } from "@/lib/members/change-role";
import { removeMember } from "@/lib/members/end-membership";
import { addTeamMember } from "@/lib/teams/add-team-member";
import { deleteTeam } from "@/lib/teams/delete-team";
import { setTeamRouting } from "@/lib/teams/set-team-routing";
import {
  type AssignmentWorld,
  arrive,
  buildWorld,
  close,
  customerWrites,
  eventsOf,
  loadDrift,
  online,
  setAvailability,
  setWorkspaceMode,
  viewerOf,
  who,
  workspaceOf,
} from "../support/assignment-world";

/**
 * The assignment engine against a real database (DESIGN.md, "Assignment rules"): manual
 * assignment and claims, self-assign, reset on close, sticky reopen, routing by mode with team
 * overrides, the event-driven queue and removal — each through the app's own functions.
 */

async function errorOf(promise: Promise<unknown>) {
  return promise.then(
    () => null,
    (error: unknown) => {
      if (error instanceof AppError) {
        return { code: error.code, status: error.status, message: error.message, ...error.details };
      }
      throw error;
    },
  );
}

async function row(world: AssignmentWorld, id: string) {
  const [found] = await world.db.select().from(conversations).where(eq(conversations.id, id));
  if (!found) throw new Error("conversation vanished");
  return found;
}

const assigneeOf = async (world: AssignmentWorld, id: string) => (await row(world, id)).assigneeId;
const idOf = (world: AssignmentWorld, name: string) => who(world, name).member.id;

async function makeTeam(
  world: AssignmentWorld,
  name: string,
  routingMode: "inherit" | "manual" | "balanced" | "round_robin",
  memberNames: string[],
) {
  const [team] = await world.db
    .insert(teams)
    .values({ workspaceId: world.workspaceId, name, routingMode })
    .returning();
  if (!team) throw new Error("team insert returned nothing");
  if (memberNames.length > 0) {
    await world.db
      .insert(teamMembers)
      .values(memberNames.map((n) => ({ teamId: team.id, memberId: idOf(world, n) })));
  }
  return team;
}

/** The decision stored on the conversation's latest routed or queued event. */
async function lastDecision(world: AssignmentWorld, id: string) {
  const events = (await eventsOf(world, id)).filter(
    (e) => e.type === "routed" || e.type === "queued",
  );
  const event = events.at(-1);
  if (!event) throw new Error("no routing event");
  return { type: event.type, data: event.data, decision: event.data.decision as RoutingDecision };
}

describe("manual assignment", () => {
  it("assigns one member at a time: a new assignee replaces the previous one", async () => {
    const w = await buildWorld({ people: { Sam: "agent", Kim: "agent" } });
    const admin = await viewerOf(w);
    const c = await arrive(w);
    await assignMember(w.db, { viewer: admin, conversationId: c.id, memberId: idOf(w, "Sam") });
    const result = await assignMember(w.db, {
      viewer: admin,
      conversationId: c.id,
      memberId: idOf(w, "Kim"),
    });
    expect(result.changed).toBe(true);
    expect(await assigneeOf(w, c.id)).toBe(idOf(w, "Kim"));
    const assigned = (await eventsOf(w, c.id)).filter((e) => e.type === "assigned");
    expect(assigned.map((e) => [e.data.from, e.data.to, e.actor])).toEqual([
      [null, idOf(w, "Sam"), w.admin.member.id],
      [idOf(w, "Sam"), idOf(w, "Kim"), w.admin.member.id],
    ]);
    expect(await loadDrift(w.workspaceId)).toEqual([]);
  });

  it("lets an Agent claim and hand their own on, but not reassign someone else's (403)", async () => {
    const w = await buildWorld({ people: { Sam: "agent", Kim: "agent", Lee: "agent" } });
    const team = await makeTeam(w, "Support", "inherit", ["Sam", "Kim"]);
    const sam = await viewerOf(w, "Sam");
    const c = await arrive(w, team.id);
    await claimConversation(w.db, { viewer: sam, conversationId: c.id });
    expect(await assigneeOf(w, c.id)).toBe(idOf(w, "Sam"));
    await assignMember(w.db, { viewer: sam, conversationId: c.id, memberId: idOf(w, "Kim") });
    expect(await assigneeOf(w, c.id)).toBe(idOf(w, "Kim"));

    // Now it is Kim's: Sam may see it (same team) but not move it.
    for (const attempt of [
      () => assignMember(w.db, { viewer: sam, conversationId: c.id, memberId: idOf(w, "Lee") }),
      () => assignTeam(w.db, { viewer: sam, conversationId: c.id, teamId: team.id }),
      () => unassignConversation(w.db, { viewer: sam, conversationId: c.id, what: "member" }),
      () => setAssignmentDisabled(w.db, { viewer: sam, conversationId: c.id, disabled: true }),
    ]) {
      expect(await errorOf(attempt())).toMatchObject({ code: "forbidden", status: 403 });
    }
    // Taking it for themselves is a lost claim, named as such.
    expect(
      await errorOf(
        assignMember(w.db, { viewer: sam, conversationId: c.id, memberId: idOf(w, "Sam") }),
      ),
    ).toMatchObject({ code: "already_assigned", assignee: { id: idOf(w, "Kim"), name: "Kim" } });
    expect(await assigneeOf(w, c.id)).toBe(idOf(w, "Kim"));
  });

  it("refuses every assignment to a Viewer (403), and a Viewer as assignee (422)", async () => {
    const w = await buildWorld({ people: { Sam: "agent", Vic: "viewer" } });
    const vic = await viewerOf(w, "Vic");
    const c = await arrive(w);
    const team = await makeTeam(w, "Support", "inherit", []);
    for (const attempt of [
      () => claimConversation(w.db, { viewer: vic, conversationId: c.id }),
      () => assignMember(w.db, { viewer: vic, conversationId: c.id, memberId: idOf(w, "Sam") }),
      () => assignTeam(w.db, { viewer: vic, conversationId: c.id, teamId: team.id }),
      () => unassignConversation(w.db, { viewer: vic, conversationId: c.id, what: "team" }),
    ]) {
      expect(await errorOf(attempt())).toMatchObject({ code: "forbidden", status: 403 });
    }
    const asAssignee = await errorOf(
      assignMember(w.db, {
        viewer: await viewerOf(w),
        conversationId: c.id,
        memberId: idOf(w, "Vic"),
      }),
    );
    expect(asAssignee).toMatchObject({
      code: "validation",
      message: expect.stringContaining("Viewer"),
    });
    expect(await assigneeOf(w, c.id)).toBeNull();
  });

  it("answers a lost claim with already_assigned naming the winner, even once the Agent cannot see it", async () => {
    const w = await buildWorld({ people: { Sam: "agent", Kim: "agent" } });
    const c = await arrive(w);
    await claimConversation(w.db, { viewer: await viewerOf(w, "Sam"), conversationId: c.id });
    const lost = await errorOf(
      claimConversation(w.db, { viewer: await viewerOf(w, "Kim"), conversationId: c.id }),
    );
    expect(lost).toEqual({
      code: "already_assigned",
      status: 409,
      message: "Sam took this one.",
      assignee: { id: idOf(w, "Sam"), name: "Sam" },
    });
    // Claiming one's own again changes nothing.
    const again = await claimConversation(w.db, {
      viewer: await viewerOf(w, "Sam"),
      conversationId: c.id,
    });
    expect(again.changed).toBe(false);
    expect((await eventsOf(w, c.id)).filter((e) => e.type === "assigned")).toHaveLength(1);

    // A conversation the Agent could never see stays invisible: another team's answers 404.
    const sales = await makeTeam(w, "Sales", "inherit", ["Sam"]);
    const theirs = await arrive(w, sales.id);
    expect(
      await errorOf(
        claimConversation(w.db, { viewer: await viewerOf(w, "Kim"), conversationId: theirs.id }),
      ),
    ).toMatchObject({ code: "not_found", status: 404 });
  });

  it("gives a group conversation no member (a team is fine), and none while assignment is off", async () => {
    const w = await buildWorld({ people: { Sam: "agent" } });
    const admin = await viewerOf(w);
    const sam = await viewerOf(w, "Sam");
    const team = await makeTeam(w, "Support", "inherit", ["Sam"]);
    const group = await arrive(w);
    await w.db.update(conversations).set({ kind: "group" }).where(eq(conversations.id, group.id));
    for (const attempt of [
      () => claimConversation(w.db, { viewer: sam, conversationId: group.id }),
      () =>
        assignMember(w.db, { viewer: admin, conversationId: group.id, memberId: idOf(w, "Sam") }),
    ]) {
      expect(await errorOf(attempt())).toMatchObject({
        code: "validation",
        message: "Group conversations cannot have a member assignee. Assign a team instead.",
      });
    }
    await assignTeam(w.db, { viewer: admin, conversationId: group.id, teamId: team.id });
    expect(await row(w, group.id)).toMatchObject({ teamId: team.id, assigneeId: null });

    const off = await arrive(w);
    await setAssignmentDisabled(w.db, { viewer: admin, conversationId: off.id, disabled: true });
    for (const attempt of [
      () => claimConversation(w.db, { viewer: sam, conversationId: off.id }),
      () => assignMember(w.db, { viewer: admin, conversationId: off.id, memberId: idOf(w, "Sam") }),
    ]) {
      expect(await errorOf(attempt())).toMatchObject({
        code: "conflict",
        status: 409,
        message: expect.stringContaining("Assignment is turned off for this conversation"),
      });
    }
    await assignTeam(w.db, { viewer: admin, conversationId: off.id, teamId: team.id });
    expect(await row(w, off.id)).toMatchObject({ teamId: team.id, assigneeId: null });
    const types = (await eventsOf(w, off.id)).map((e) => e.type);
    expect(types).toEqual(["created", "assignment_disabled", "team_assigned"]);
  });
});

describe("self-assign on first reply", () => {
  const reply = async (w: AssignmentWorld, name: string, id: string, note = false) =>
    sendMessage(w.db, { viewer: await viewerOf(w, name), conversationId: id, body: "On it", note });

  it("makes the author of the first reply the assignee, and only the first reply", async () => {
    const w = await buildWorld({ people: { Sam: "agent", Kim: "agent" } });
    const c = await arrive(w);
    // A note is not a reply: nobody is assigned.
    await reply(w, "Kim", c.id, true);
    expect(await assigneeOf(w, c.id)).toBeNull();
    await reply(w, "Sam", c.id);
    expect(await assigneeOf(w, c.id)).toBe(idOf(w, "Sam"));
    const selfAssigned = (await eventsOf(w, c.id)).filter((e) => e.type === "assigned");
    expect(selfAssigned).toEqual([
      expect.objectContaining({
        actor: idOf(w, "Sam"),
        data: expect.objectContaining({ via: "self_assign" }),
      }),
    ]);

    // Unassigned again, a later reply is not the first: it does not assign.
    await unassignConversation(w.db, {
      viewer: await viewerOf(w),
      conversationId: c.id,
      what: "member",
    });
    await reply(w, "Kim", c.id);
    expect(await assigneeOf(w, c.id)).toBeNull();
    expect(await loadDrift(w.workspaceId)).toEqual([]);
  });

  it("does nothing when the workspace turned it off", async () => {
    const w = await buildWorld({
      people: { Sam: "agent" },
      settings: { selfAssignOnFirstReply: false },
    });
    const c = await arrive(w);
    await reply(w, "Sam", c.id);
    expect(await assigneeOf(w, c.id)).toBeNull();
  });
});

describe("close and reopen", () => {
  it("clears the assignee on close with reset-on-close, so the next message is routed afresh", async () => {
    const w = await buildWorld({
      people: { Sam: "agent", Kim: "agent" },
      mode: "balanced",
      settings: { resetAssigneeOnClose: true },
    });
    await online(w, "Sam");
    const c = await arrive(w);
    expect(await assigneeOf(w, c.id)).toBe(idOf(w, "Sam"));
    await close(w, c.id);
    expect(await row(w, c.id)).toMatchObject({ status: "closed", assigneeId: null });
    const closed = (await eventsOf(w, c.id)).find((e) => e.type === "closed");
    expect(closed?.data).toEqual({ unassigned: idOf(w, "Sam"), reason: "reset_on_close" });

    await setAvailability(w, "Sam", { status: "away" });
    await online(w, "Kim");
    await customerWrites(w, { handle: c.handle });
    expect(await row(w, c.id)).toMatchObject({ status: "open", assigneeId: idOf(w, "Kim") });
    expect(await loadDrift(w.workspaceId)).toEqual([]);
  });

  it("keeps the assignee on close by default (their load drops), and goes back to them when they can take it", async () => {
    const w = await buildWorld({ people: { Sam: "agent", Kim: "agent" }, mode: "balanced" });
    await online(w, "Sam");
    const c = await arrive(w);
    await online(w, "Kim");
    await close(w, c.id);
    expect(await row(w, c.id)).toMatchObject({ status: "closed", assigneeId: idOf(w, "Sam") });
    expect(await loadDrift(w.workspaceId)).toEqual([]);
    // Kim is free and was never assigned, so balanced routing would pick Kim: sticky wins.
    const { conversation } = await customerWrites(w, { handle: c.handle });
    expect(conversation.assigneeId).toBe(idOf(w, "Sam"));
    const reopened = (await eventsOf(w, c.id)).filter((e) => e.type === "reopened").at(-1);
    expect(reopened?.data).toEqual({ reason: "customer_message", sticky: idOf(w, "Sam") });
    expect((await eventsOf(w, c.id)).filter((e) => e.type === "routed")).toHaveLength(1);
  });

  for (const [situation, makeUnavailable] of [
    ["away", (w: AssignmentWorld) => setAvailability(w, "Sam", { status: "away" })],
    ["at capacity", (w: AssignmentWorld) => setAvailability(w, "Sam", { capacity: 0 })],
    [
      "no longer accepting chats",
      (w: AssignmentWorld) => setAvailability(w, "Sam", { acceptsChats: false }),
    ],
    [
      "removed",
      (w: AssignmentWorld) =>
        removeMember(w.db, {
          workspaceId: w.workspaceId,
          memberId: idOf(w, "Sam"),
          actorMemberId: w.admin.member.id,
        }),
    ],
  ] as const) {
    it(`routes a customer's reopened conversation afresh when the assignee is ${situation}`, async () => {
      const w = await buildWorld({ people: { Sam: "agent", Kim: "agent" }, mode: "balanced" });
      await online(w, "Sam");
      const c = await arrive(w);
      await close(w, c.id);
      await online(w, "Kim");
      await makeUnavailable(w);
      const { conversation } = await customerWrites(w, { handle: c.handle });
      expect(conversation.assigneeId).toBe(idOf(w, "Kim"));
      const events = await eventsOf(w, c.id);
      expect(events.find((e) => e.type === "reopened")?.data).toEqual({
        reason: "customer_message",
        released: idOf(w, "Sam"),
      });
      const { data } = await lastDecision(w, c.id);
      expect(data).toMatchObject({ to: idOf(w, "Kim"), trigger: "reopened" });
      expect(await loadDrift(w.workspaceId)).toEqual([]);
    });
  }
});

describe("routing on arrival", () => {
  it("leaves new conversations in Unassigned in manual mode, with no routing event", async () => {
    const w = await buildWorld({ people: { Sam: "agent" } });
    await online(w, "Sam");
    const c = await arrive(w);
    expect(await row(w, c.id)).toMatchObject({ assigneeId: null, queuedAt: null });
    expect((await eventsOf(w, c.id)).map((e) => e.type)).toEqual(["created"]);
  });

  it("balanced: the fewest open wins; a tie goes to the oldest last assignment; the decision says so", async () => {
    const w = await buildWorld({
      people: {
        Sam: "agent",
        Kim: "agent",
        Lee: "manager",
        Ana: "agent",
        Bo: "agent",
        Vic: "viewer",
        Cy: "agent",
      },
    });
    const admin = await viewerOf(w);
    // Loads by hand first: Sam 2, Kim 1, Lee 1 (Lee assigned before Kim), Bo 1 at capacity 1.
    const give = async (name: string) => {
      const c = await arrive(w);
      await assignMember(w.db, { viewer: admin, conversationId: c.id, memberId: idOf(w, name) });
    };
    for (const name of ["Sam", "Sam", "Lee", "Kim", "Bo"]) await give(name);
    await online(w, "Sam", "Kim", "Lee", "Bo", "Vic", "Cy");
    await setAvailability(w, "Ana", { status: "away" });
    await setAvailability(w, "Bo", { capacity: 1 });
    await setAvailability(w, "Cy", { acceptsChats: false });
    await setWorkspaceMode(w, "balanced");

    const first = await arrive(w);
    expect(await assigneeOf(w, first.id)).toBe(idOf(w, "Lee"));
    const { data, decision } = await lastDecision(w, first.id);
    expect(data).toMatchObject({ to: idOf(w, "Lee"), toName: "Lee", trigger: "arrival" });
    expect(data.reason).toMatch(/^fewest open: 1; last assigned \d\d:\d\d$/);
    expect(decision).toMatchObject({
      strategy: "balanced",
      teamId: null,
      tieBreak: "oldest_assignment",
      chosen: { memberId: idOf(w, "Lee"), openConversations: 1 },
      eligibleCount: 3,
    });
    expect(decision.considered.map((m) => [m.name, m.openConversations])).toEqual([
      ["Lee", 1],
      ["Kim", 1],
      ["Sam", 2],
    ]);
    expect(Object.fromEntries(decision.skipped.map((m) => [m.name, m.reason]))).toEqual({
      Admin: "offline",
      Ana: "away",
      Bo: "at_capacity",
      Vic: "cannot_reply",
      Cy: "not_accepting",
    });

    // Lee has 2 now; Kim has 1: Kim next, then the three are level at 2 and Sam (oldest) goes.
    const second = await arrive(w);
    expect(await assigneeOf(w, second.id)).toBe(idOf(w, "Kim"));
    expect((await lastDecision(w, second.id)).decision.tieBreak).toBe("fewest_open");
    const third = await arrive(w);
    expect(await assigneeOf(w, third.id)).toBe(idOf(w, "Sam"));
    expect((await lastDecision(w, third.id)).decision.tieBreak).toBe("oldest_assignment");
    expect(await loadDrift(w.workspaceId)).toEqual([]);
  });

  it("round robin: strict rotation in member order, skipping who is not eligible, remembered in the database", async () => {
    const w = await buildWorld({
      people: { A: "agent", B: "agent", C: "agent" },
      mode: "round_robin",
    });
    await online(w, "A", "B", "C");
    const order = ["A", "B", "C"].map((n) => idOf(w, n)).sort();
    const served: string[] = [];
    for (let i = 0; i < 4; i++) served.push((await assigneeOf(w, (await arrive(w)).id)) ?? "none");
    expect(served).toEqual([order[0], order[1], order[2], order[0]]);
    const [position] = await w.db
      .select()
      .from(routingPositions)
      .where(eq(routingPositions.workspaceId, w.workspaceId));
    expect(position).toMatchObject({ pool: "workspace", lastMemberId: order[0] });

    // The next in line goes away: the one after them serves, and the rotation goes on from there.
    const nextName = ["A", "B", "C"].find((n) => idOf(w, n) === order[1]) ?? "A";
    await setAvailability(w, nextName, { status: "away" });
    const skipped = await arrive(w);
    expect(await assigneeOf(w, skipped.id)).toBe(order[2]);
    const { decision } = await lastDecision(w, skipped.id);
    expect(decision).toMatchObject({
      strategy: "round_robin",
      tieBreak: "rotation",
      eligibleCount: 2,
    });
    expect(decision.skipped.map((m) => m.memberId)).toContain(order[1]);
    expect(await assigneeOf(w, (await arrive(w)).id)).toBe(order[0]);
  });

  it("uses a team's own mode over the workspace's, and routes only within the team", async () => {
    const w = await buildWorld({ people: { Sam: "agent", Kim: "agent", Lee: "agent" } });
    await online(w, "Sam", "Kim", "Lee");
    const balancedTeam = await makeTeam(w, "Billing", "balanced", ["Kim", "Lee"]);
    const manualTeam = await makeTeam(w, "Sales", "manual", ["Sam"]);
    const inherits = await makeTeam(w, "Returns", "inherit", ["Sam"]);

    // Workspace manual, team balanced: routed inside the team only.
    const routed = [await arrive(w, balancedTeam.id), await arrive(w, balancedTeam.id)];
    const owners = await Promise.all(routed.map((c) => assigneeOf(w, c.id)));
    expect(new Set(owners)).toEqual(new Set([idOf(w, "Kim"), idOf(w, "Lee")]));
    const { decision } = await lastDecision(w, routed[1]?.id ?? "");
    expect(decision).toMatchObject({
      teamId: balancedTeam.id,
      teamName: "Billing",
      eligibleCount: 2,
    });
    expect(explainNames(decision)).not.toContain("Sam");
    // Inheriting the workspace's manual mode: not routed.
    expect(await assigneeOf(w, (await arrive(w, inherits.id)).id)).toBeNull();

    // Workspace balanced, team manual: the team's conversation waits in Unassigned.
    await setWorkspaceMode(w, "balanced");
    const waiting = await arrive(w, manualTeam.id);
    expect(await row(w, waiting.id)).toMatchObject({ assigneeId: null, queuedAt: null });
    // Team round robin while the workspace is balanced.
    await setTeamRouting(w.db, {
      workspaceId: w.workspaceId,
      actorMemberId: w.admin.member.id,
      teamId: balancedTeam.id,
      routingMode: "round_robin",
    });
    const rr = await arrive(w, balancedTeam.id);
    expect((await lastDecision(w, rr.id)).decision.strategy).toBe("round_robin");
  });

  it("assigning a team that routes picks one of its members by the team's mode", async () => {
    const w = await buildWorld({ people: { Sam: "agent", Kim: "agent", Lee: "agent" } });
    await online(w, "Sam", "Kim", "Lee");
    const team = await makeTeam(w, "Billing", "balanced", ["Kim", "Lee"]);
    const admin = await viewerOf(w);
    const c = await arrive(w);
    await assignMember(w.db, { viewer: admin, conversationId: c.id, memberId: idOf(w, "Sam") });
    const result = await assignTeam(w.db, { viewer: admin, conversationId: c.id, teamId: team.id });
    expect(result.routed?.kind).toBe("assigned");
    const owner = await assigneeOf(w, c.id);
    expect([idOf(w, "Kim"), idOf(w, "Lee")]).toContain(owner);
    const { data } = await lastDecision(w, c.id);
    expect(data).toMatchObject({ trigger: "team_assigned", teamId: team.id, to: owner });
    expect(await loadDrift(w.workspaceId)).toEqual([]);
  });
});

const explainNames = (decision: RoutingDecision) =>
  [...decision.considered, ...decision.skipped].map((m) => m.name);

describe("the queue", () => {
  async function queuedWorld() {
    const w = await buildWorld({ people: { Sam: "agent", Kim: "agent" }, mode: "balanced" });
    const c = await arrive(w);
    expect(await row(w, c.id)).toMatchObject({ assigneeId: null });
    expect((await row(w, c.id)).queuedAt).not.toBeNull();
    const { type, decision } = await lastDecision(w, c.id);
    expect(type).toBe("queued");
    expect(decision).toMatchObject({ chosen: null, eligibleCount: 0 });
    expect(decision.skipped.map((m) => m.reason)).toEqual(["offline", "offline", "offline"]);
    return { w, c };
  }

  /** The waiting conversation went to this member in the call that made them eligible. */
  async function expectRoutedTo(w: AssignmentWorld, id: string, name: string) {
    expect(await row(w, id)).toMatchObject({ assigneeId: idOf(w, name), queuedAt: null });
    const { type, data } = await lastDecision(w, id);
    expect(type).toBe("routed");
    expect(data).toMatchObject({ trigger: "queue", to: idOf(w, name) });
    expect(await loadDrift(w.workspaceId)).toEqual([]);
  }

  it("waits when nobody is eligible and goes to a member the moment they come online", async () => {
    const { w, c } = await queuedWorld();
    expect(await setAvailability(w, "Sam", { status: "online" })).toBe(1);
    await expectRoutedTo(w, c.id, "Sam");
  });

  it("is routed when a capacity is raised", async () => {
    const w = await buildWorld({ people: { Sam: "agent" }, mode: "balanced" });
    await online(w, "Sam");
    await setAvailability(w, "Sam", { capacity: 1 });
    const busy = await arrive(w);
    expect(await assigneeOf(w, busy.id)).toBe(idOf(w, "Sam"));
    const waiting = await arrive(w);
    const { skipped } = (await lastDecision(w, waiting.id)).decision;
    expect(skipped).toHaveLength(2);
    expect(skipped).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: "Sam",
          reason: "at_capacity",
          openConversations: 1,
          capacity: 1,
        }),
        expect.objectContaining({ name: "Admin", reason: "offline" }),
      ]),
    );
    expect(await setAvailability(w, "Sam", { capacity: 2 })).toBe(1);
    await expectRoutedTo(w, waiting.id, "Sam");
  });

  it("is routed when a conversation closes and gives the capacity back, oldest first", async () => {
    const w = await buildWorld({ people: { Sam: "agent" }, mode: "balanced" });
    await online(w, "Sam");
    await setAvailability(w, "Sam", { capacity: 1 });
    const busy = await arrive(w);
    const older = await arrive(w);
    const newer = await arrive(w);
    await close(w, busy.id);
    await expectRoutedTo(w, older.id, "Sam");
    expect(await row(w, newer.id)).toMatchObject({ assigneeId: null });
    expect((await row(w, newer.id)).queuedAt).not.toBeNull();
  });

  it("is routed when an eligible member joins the team it waits for", async () => {
    const w = await buildWorld({ people: { Sam: "agent", Kim: "agent" }, mode: "balanced" });
    await online(w, "Sam");
    const team = await makeTeam(w, "Billing", "inherit", ["Kim"]);
    const c = await arrive(w, team.id);
    expect((await row(w, c.id)).queuedAt).not.toBeNull();
    await addTeamMember(w.db, {
      workspaceId: w.workspaceId,
      actorMemberId: w.admin.member.id,
      teamId: team.id,
      memberId: idOf(w, "Sam"),
    });
    await expectRoutedTo(w, c.id, "Sam");
  });

  it("is routed, oldest first, when the workspace's mode changes from manual to balanced", async () => {
    const w = await buildWorld({ people: { Sam: "agent", Kim: "agent" } });
    await online(w, "Sam", "Kim");
    const first = await arrive(w);
    const second = await arrive(w);
    expect(await row(w, first.id)).toMatchObject({ assigneeId: null, queuedAt: null });
    expect(await setWorkspaceMode(w, "balanced")).toBe(2);
    // Both free and never assigned: the member order decides the first, the other gets the second.
    await expectRoutedTo(w, first.id, firstChoice(w));
    expect(await assigneeOf(w, second.id)).not.toBeNull();
    expect(await assigneeOf(w, second.id)).not.toBe(await assigneeOf(w, first.id));
  });

  it("breaks a tie inside one drained batch by who was picked first, not by member id", async () => {
    const w = await buildWorld({ people: { Sam: "agent", Kim: "agent" } });
    await online(w, "Sam", "Kim");
    const cs = [await arrive(w), await arrive(w), await arrive(w)];
    // The member with the smaller id was assigned more recently; the other is the oldest.
    const [first, second] = ["Sam", "Kim"].sort((a, b) => (idOf(w, a) < idOf(w, b) ? -1 : 1));
    if (!first || !second) throw new Error("two members expected");
    const at = (iso: string, name: string) =>
      w.db
        .update(members)
        .set({ lastAssignedAt: new Date(iso) })
        .where(eq(members.id, idOf(w, name)));
    await at("2026-01-01T10:00:00Z", first);
    await at("2026-01-01T09:00:00Z", second);
    // Manual → balanced routes the three waiting conversations in one drain: the oldest
    // (second) first, then first (fewest open), then — tied on load — second again, whose
    // pick in this batch came first.
    await setWorkspaceMode(w, "balanced");
    const owners = await Promise.all(cs.map((c) => assigneeOf(w, c.id)));
    expect(owners).toEqual([idOf(w, second), idOf(w, first), idOf(w, second)]);
  });

  it("routes a deleted team's waiting conversations in the workspace's pool", async () => {
    const w = await buildWorld({ people: { Sam: "agent", Kim: "agent" }, mode: "balanced" });
    const team = await makeTeam(w, "Billing", "balanced", ["Kim"]);
    const c = await arrive(w, team.id); // Kim is offline: it waits for Billing
    expect((await row(w, c.id)).queuedAt).not.toBeNull();
    await online(w, "Sam"); // free, but not in Billing
    expect(await assigneeOf(w, c.id)).toBeNull();
    await deleteTeam(w.db, {
      workspaceId: w.workspaceId,
      actorMemberId: w.admin.member.id,
      teamId: team.id,
    });
    await expectRoutedTo(w, c.id, "Sam");
    expect((await row(w, c.id)).teamId).toBeNull();
  });

  it("drains past a pool nobody can take and past a full batch, until nothing routable waits", async () => {
    const w = await buildWorld({ people: { Sam: "agent", Kim: "agent" }, mode: "balanced" });
    const team = await makeTeam(w, "Billing", "balanced", ["Kim"]);
    // Nobody online: three Billing conversations wait first, then four for anyone.
    const billing = [await arrive(w, team.id), await arrive(w, team.id), await arrive(w, team.id)];
    const anyone = [await arrive(w), await arrive(w), await arrive(w), await arrive(w)];
    // Sam (not in Billing) becomes eligible without a drain of his own …
    await w.db
      .update(members)
      .set({ status: "online" })
      .where(eq(members.id, idOf(w, "Sam")));
    // … then one drain of two-conversation batches: the first batch is all Billing (Kim is
    // offline), the rest of the queue lies behind it and behind a full batch.
    const workspace = await workspaceOf(w);
    const drained = await w.db.transaction((tx) =>
      drainQueue(tx, { workspace, now: new Date(), limit: 2 }),
    );
    expect(drained.routed).toHaveLength(4);
    for (const c of anyone) await expectRoutedTo(w, c.id, "Sam");
    for (const c of billing) expect((await row(w, c.id)).queuedAt).not.toBeNull();
    expect(await loadDrift(w.workspaceId)).toEqual([]);
  });

  it("drains by the mode committed now, not by the caller's older copy of the workspace", async () => {
    const w = await buildWorld({ people: { Sam: "agent" }, mode: "balanced" });
    const stale = await workspaceOf(w); // balanced, as a drain's first caller read it
    const c = await arrive(w); // nobody online: it waits in the queue
    // Routing was switched off while it arrived: the switch's transaction took the queue out
    // before this conversation committed, so it is still queued under a manual mode.
    await w.db
      .update(workspaces)
      .set({ routingMode: "manual" })
      .where(eq(workspaces.id, w.workspaceId));
    await w.db
      .update(members)
      .set({ status: "online" })
      .where(eq(members.id, idOf(w, "Sam")));
    // Sam is eligible, but routing is manual now: nothing is routed, the queue is left.
    const drained = await w.db.transaction((tx) =>
      drainQueue(tx, { workspace: stale, now: new Date() }),
    );
    expect(drained.routed).toEqual([]);
    expect(await assigneeOf(w, c.id)).toBeNull();
    expect((await row(w, c.id)).queuedAt).toBeNull();
  });

  it("is routed when a team's mode changes from manual to balanced", async () => {
    const w = await buildWorld({ people: { Sam: "agent" } });
    await online(w, "Sam");
    const team = await makeTeam(w, "Billing", "manual", ["Sam"]);
    const c = await arrive(w, team.id);
    expect(await assigneeOf(w, c.id)).toBeNull();
    await setTeamRouting(w.db, {
      workspaceId: w.workspaceId,
      actorMemberId: w.admin.member.id,
      teamId: team.id,
      routingMode: "balanced",
    });
    await expectRoutedTo(w, c.id, "Sam");
  });

  it("re-routes a removed member's open conversations, or queues them", async () => {
    const w = await buildWorld({ people: { Sam: "agent", Kim: "agent" }, mode: "balanced" });
    await online(w, "Sam");
    const mine = [await arrive(w), await arrive(w)];
    await online(w, "Kim");
    await setAvailability(w, "Kim", { capacity: 1 });
    await removeMember(w.db, {
      workspaceId: w.workspaceId,
      memberId: idOf(w, "Sam"),
      actorMemberId: w.admin.member.id,
    });
    const owners = await Promise.all(mine.map((c) => row(w, c.id)));
    // Kim takes one (capacity 1); the other waits in the queue.
    expect(owners.filter((c) => c.assigneeId === idOf(w, "Kim"))).toHaveLength(1);
    const left = owners.find((c) => c.assigneeId === null);
    expect(left?.queuedAt).not.toBeNull();
    for (const c of mine) {
      const events = await eventsOf(w, c.id);
      expect(events.find((e) => e.type === "unassigned")?.data).toEqual({
        from: idOf(w, "Sam"),
        reason: "member_removed",
      });
      const last = events.filter((e) => e.type === "routed" || e.type === "queued").at(-1);
      expect(last?.data.trigger).toBe("member_removed");
    }
    expect(await loadDrift(w.workspaceId)).toEqual([]);
  });

  it("re-routes the open conversations of an Agent made a Viewer, and routes the queue to a Viewer made an Agent", async () => {
    const w = await buildWorld({ people: { Sam: "agent", Kim: "viewer" }, mode: "balanced" });
    await online(w, "Sam", "Kim");
    const mine = [await arrive(w), await arrive(w)];
    for (const c of mine) expect(await assigneeOf(w, c.id)).toBe(idOf(w, "Sam"));
    await changeRole(w.db, {
      workspaceId: w.workspaceId,
      memberId: idOf(w, "Sam"),
      role: "viewer",
      actorMemberId: w.admin.member.id,
    });
    // Nobody may reply now (Kim is a Viewer): both wait in the queue, with the reason shown.
    for (const c of mine) {
      const now = await row(w, c.id);
      expect({ assignee: now.assigneeId, queued: now.queuedAt !== null }).toEqual({
        assignee: null,
        queued: true,
      });
      const events = await eventsOf(w, c.id);
      expect(events.find((e) => e.type === "unassigned")?.data).toEqual({
        from: idOf(w, "Sam"),
        reason: "role_changed",
      });
    }
    // Kim, online all along, becomes an Agent: the waiting conversations are hers at once.
    await changeRole(w.db, {
      workspaceId: w.workspaceId,
      memberId: idOf(w, "Kim"),
      role: "agent",
      actorMemberId: w.admin.member.id,
    });
    for (const c of mine) await expectRoutedTo(w, c.id, "Kim");
    expect(await loadDrift(w.workspaceId)).toEqual([]);
  });

  it("keeps every member's open load equal to a recount through a mixed sequence", async () => {
    const w = await buildWorld({
      people: { Sam: "agent", Kim: "agent", Lee: "agent" },
      mode: "balanced",
      settings: { resetAssigneeOnClose: true },
    });
    const admin = await viewerOf(w);
    await online(w, "Sam", "Kim");
    const cs = [];
    for (let i = 0; i < 6; i++) cs.push(await arrive(w));
    const [a, b, c, d, e] = cs;
    if (!a || !b || !c || !d || !e) throw new Error("arrivals failed");
    await close(w, a.id);
    await assignMember(w.db, { viewer: admin, conversationId: b.id, memberId: idOf(w, "Lee") });
    await unassignConversation(w.db, { viewer: admin, conversationId: c.id, what: "member" });
    await customerWrites(w, { handle: a.handle });
    await setAvailability(w, "Kim", { status: "away" });
    await close(w, d.id);
    await online(w, "Lee");
    await removeMember(w.db, {
      workspaceId: w.workspaceId,
      memberId: idOf(w, "Sam"),
      actorMemberId: w.admin.member.id,
    });
    await w.db.update(conversations).set({ status: "closed" }).where(eq(conversations.id, e.id));
    await w.db.delete(conversations).where(and(eq(conversations.id, b.id)));
    expect(await loadDrift(w.workspaceId)).toEqual([]);
  });
});

/** Whom balanced routing chooses between Sam and Kim when all else is equal: the lower id. */
function firstChoice(w: AssignmentWorld) {
  return idOf(w, "Kim") < idOf(w, "Sam") ? "Kim" : "Sam";
}
