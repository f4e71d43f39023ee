import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setMyAvailabilityAction } from "@/app/(app)/[workspace]/actions";
import { setAvailabilityAction } from "@/app/(app)/[workspace]/settings/members/actions";
import { updateRoutingAction } from "@/app/(app)/[workspace]/settings/routing/actions";
import { getDb } from "@/db/client";
import {
  activityLog,
  conversations,
  memberStatusChanges,
  members,
  teamMembers,
  teams,
  workspaces,
} from "@/db/schema";
import { getRoutingOverview } from "@/lib/assignment/routing-overview";
import { setMemberAvailability } from "@/lib/assignment/set-member-availability";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import type { Result } from "@/lib/errors";
import { capacityMessage } from "@/lib/members/capacity";
import { makeWorkspace, randomEmail } from "../support/factories";

function dataOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got: ${result.error.message}`);
  return result.data;
}

async function arrive(workspaceId: string, label = "customer", teamId: string | null = null) {
  const { conversation } = await receiveInboundMessage(await getDb(), {
    workspaceId,
    channel: "api",
    handle: randomEmail(label),
    body: `Hello from ${label}`,
    teamId,
  });
  return conversation;
}

async function conversationRow(id: string) {
  const [row] = await (await getDb()).select().from(conversations).where(eq(conversations.id, id));
  if (!row) throw new Error(`conversation ${id} is gone`);
  return row;
}

async function memberRow(id: string) {
  const [row] = await (await getDb()).select().from(members).where(eq(members.id, id));
  if (!row) throw new Error(`member ${id} is gone`);
  return row;
}

async function workspaceRow(id: string) {
  const [row] = await (await getDb()).select().from(workspaces).where(eq(workspaces.id, id));
  if (!row) throw new Error(`workspace ${id} is gone`);
  return row;
}

/**
 * A workspace with an Admin, two Agents and a Viewer, everyone offline (the Admin who
 * creates a workspace starts online; here they step away so the Agents' states decide).
 */
async function world() {
  const db = await getDb();
  const { workspace, admin, others } = await makeWorkspace(["agent", "agent", "viewer"]);
  const [sam, kim, val] = others;
  if (!sam || !kim || !val) throw new Error("setup failed");
  const [adminMember] = await db
    .select()
    .from(members)
    .where(and(eq(members.workspaceId, workspace.id), eq(members.userId, admin.id)));
  if (!adminMember) throw new Error("no admin member");
  await setMemberAvailability(db, {
    workspace,
    memberId: adminMember.id,
    actorMemberId: adminMember.id,
    change: { status: "offline" },
  });
  return {
    workspace,
    slug: workspace.slug,
    admin: { userId: admin.id },
    sam: { actor: { userId: sam.user.id }, member: sam.member },
    kim: { actor: { userId: kim.user.id }, member: kim.member },
    val: { actor: { userId: val.user.id }, member: val.member },
  };
}

async function online(workspaceId: string, memberId: string) {
  const db = await getDb();
  await setMemberAvailability(db, {
    workspace: await workspaceRow(workspaceId),
    memberId,
    actorMemberId: memberId,
    change: { status: "online" },
  });
}

describe("Settings → Routing: the workspace mode", () => {
  it("switching manual → balanced routes the waiting unassigned conversations at once, balanced", async () => {
    const w = await world();
    await online(w.workspace.id, w.sam.member.id);
    await online(w.workspace.id, w.kim.member.id);
    const waiting = [
      await arrive(w.workspace.id, "a"),
      await arrive(w.workspace.id, "b"),
      await arrive(w.workspace.id, "c"),
      await arrive(w.workspace.id, "d"),
    ];
    // Manual: they wait in Unassigned, outside the routing queue.
    for (const conversation of waiting) {
      expect(await conversationRow(conversation.id)).toMatchObject({
        assigneeId: null,
        queuedAt: null,
      });
    }
    const overviewBefore = await getRoutingOverview(await getDb(), {
      workspace: await workspaceRow(w.workspace.id),
    });
    expect(overviewBefore).toMatchObject({ mode: "manual", eligibleCount: 2, waiting: 4 });

    const result = dataOf(
      await updateRoutingAction.run(w.admin, { workspace: w.slug, routingMode: "balanced" }),
    );
    expect(result).toMatchObject({ routingMode: "balanced", routed: 4 });

    const owners = await Promise.all(
      waiting.map(async (c) => (await conversationRow(c.id)).assigneeId),
    );
    expect(owners.filter((id) => id === w.sam.member.id)).toHaveLength(2);
    expect(owners.filter((id) => id === w.kim.member.id)).toHaveLength(2);
    expect((await memberRow(w.sam.member.id)).openConversations).toBe(2);

    const db = await getDb();
    const activity = await db
      .select({ type: activityLog.type, data: activityLog.data })
      .from(activityLog)
      .where(eq(activityLog.workspaceId, w.workspace.id));
    expect(activity).toContainEqual({
      type: "workspace.routing_changed",
      data: { setting: "routingMode", from: "manual", to: "balanced" },
    });

    // The same mode again changes nothing and records nothing.
    const again = dataOf(
      await updateRoutingAction.run(w.admin, { workspace: w.slug, routingMode: "balanced" }),
    );
    expect(again.routed).toBe(0);
    const after = await db
      .select({ id: activityLog.id })
      .from(activityLog)
      .where(eq(activityLog.workspaceId, w.workspace.id));
    expect(after).toHaveLength(activity.length);
  });

  it("queued conversations leave the queue when the mode becomes manual, and rejoin it after", async () => {
    const w = await world();
    dataOf(await updateRoutingAction.run(w.admin, { workspace: w.slug, routingMode: "balanced" }));
    // Nobody is online: the arrival waits in the queue.
    const conversation = await arrive(w.workspace.id);
    expect((await conversationRow(conversation.id)).queuedAt).not.toBeNull();

    dataOf(await updateRoutingAction.run(w.admin, { workspace: w.slug, routingMode: "manual" }));
    expect(await conversationRow(conversation.id)).toMatchObject({
      assigneeId: null,
      queuedAt: null,
    });
    // Coming online under manual routing assigns nothing.
    const manual = dataOf(
      await setMyAvailabilityAction.run(w.sam.actor, { workspace: w.slug, status: "online" }),
    );
    expect(manual.routed).toBe(0);
    expect((await conversationRow(conversation.id)).assigneeId).toBeNull();

    const rr = dataOf(
      await updateRoutingAction.run(w.admin, { workspace: w.slug, routingMode: "round_robin" }),
    );
    expect(rr.routed).toBe(1);
    expect((await conversationRow(conversation.id)).assigneeId).toBe(w.sam.member.id);
  });

  it("saves the three switches on their own, one activity entry each", async () => {
    const w = await world();
    const before = await workspaceRow(w.workspace.id);
    expect(before).toMatchObject({
      selfAssignOnFirstReply: true,
      resetAssigneeOnClose: false,
      agentsSeeUnassigned: true,
    });
    dataOf(
      await updateRoutingAction.run(w.admin, {
        workspace: w.slug,
        selfAssignOnFirstReply: false,
        resetAssigneeOnClose: true,
      }),
    );
    dataOf(
      await updateRoutingAction.run(w.admin, { workspace: w.slug, agentsSeeUnassigned: false }),
    );
    expect(await workspaceRow(w.workspace.id)).toMatchObject({
      routingMode: "manual",
      selfAssignOnFirstReply: false,
      resetAssigneeOnClose: true,
      agentsSeeUnassigned: false,
    });
    const db = await getDb();
    const entries = await db
      .select({ data: activityLog.data })
      .from(activityLog)
      .where(
        and(
          eq(activityLog.workspaceId, w.workspace.id),
          eq(activityLog.type, "workspace.routing_changed"),
        ),
      )
      .orderBy(asc(activityLog.createdAt), asc(activityLog.id));
    expect(entries.map((entry) => entry.data.setting).sort()).toEqual([
      "agentsSeeUnassigned",
      "resetAssigneeOnClose",
      "selfAssignOnFirstReply",
    ]);

    const empty = await updateRoutingAction.run(w.admin, { workspace: w.slug });
    expect(empty).toMatchObject({ ok: false, error: { code: "validation" } });
    const bad = await updateRoutingAction.run(w.admin, {
      workspace: w.slug,
      // @ts-expect-error: not a mode
      routingMode: "random",
    });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: "validation",
        message: "Pick a routing mode: Manual, Balanced or Round robin.",
      },
    });
  });
});

describe("my status", () => {
  it("going online routes a queued conversation to me in the same request, and is recorded", async () => {
    const w = await world();
    dataOf(await updateRoutingAction.run(w.admin, { workspace: w.slug, routingMode: "balanced" }));
    const first = await arrive(w.workspace.id, "first");
    const second = await arrive(w.workspace.id, "second");
    expect((await conversationRow(first.id)).queuedAt).not.toBeNull();

    const result = dataOf(
      await setMyAvailabilityAction.run(w.sam.actor, { workspace: w.slug, status: "online" }),
    );
    expect(result).toEqual({ status: "online", acceptsChats: true, routed: 2 });
    expect(await conversationRow(first.id)).toMatchObject({
      assigneeId: w.sam.member.id,
      queuedAt: null,
    });
    expect((await conversationRow(second.id)).assigneeId).toBe(w.sam.member.id);

    const db = await getDb();
    const changes = await db
      .select()
      .from(memberStatusChanges)
      .where(eq(memberStatusChanges.memberId, w.sam.member.id));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      status: "online",
      acceptsChats: true,
      actorMemberId: w.sam.member.id,
    });
    expect((await memberRow(w.sam.member.id)).statusChangedAt).not.toBeNull();
  });

  it("not accepting chats keeps me out of routing while online; turning it on takes the queue", async () => {
    const w = await world();
    dataOf(await updateRoutingAction.run(w.admin, { workspace: w.slug, routingMode: "balanced" }));
    dataOf(
      await setMyAvailabilityAction.run(w.sam.actor, { workspace: w.slug, acceptsChats: false }),
    );
    dataOf(await setMyAvailabilityAction.run(w.sam.actor, { workspace: w.slug, status: "online" }));
    const conversation = await arrive(w.workspace.id);
    expect((await conversationRow(conversation.id)).assigneeId).toBeNull();

    const overview = await getRoutingOverview(await getDb(), {
      workspace: await workspaceRow(w.workspace.id),
    });
    const reasons = Object.fromEntries(overview.members.map((m) => [m.memberId, m.skipReason]));
    expect(reasons[w.sam.member.id]).toBe("not_accepting");
    expect(reasons[w.kim.member.id]).toBe("offline");
    expect(reasons[w.val.member.id]).toBe("cannot_reply");
    expect(overview).toMatchObject({ eligibleCount: 0, waiting: 1, waitingTotal: 1 });

    const on = dataOf(
      await setMyAvailabilityAction.run(w.sam.actor, { workspace: w.slug, acceptsChats: true }),
    );
    expect(on.routed).toBe(1);
    expect((await conversationRow(conversation.id)).assigneeId).toBe(w.sam.member.id);
  });

  it("is refused to a Viewer (nothing to route to them), and an empty change is a validation error", async () => {
    const w = await world();
    const viewer = await setMyAvailabilityAction.run(w.val.actor, {
      workspace: w.slug,
      status: "online",
    });
    expect(viewer).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await memberRow(w.val.member.id)).status).toBe("offline");

    const empty = await setMyAvailabilityAction.run(w.sam.actor, { workspace: w.slug });
    expect(empty).toMatchObject({ ok: false, error: { code: "validation" } });
    const bad = await setMyAvailabilityAction.run(w.sam.actor, {
      workspace: w.slug,
      // @ts-expect-error: not a status
      status: "busy",
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: "validation", message: "Pick Online, Away or Offline." },
    });
  });
});

describe("capacity and accepts chats, set by an Admin", () => {
  it("validates capacity: bad input is refused with one clear message and changes nothing", async () => {
    const w = await world();
    dataOf(
      await setAvailabilityAction.run(w.admin, {
        workspace: w.slug,
        memberId: w.sam.member.id,
        capacity: "5",
      }),
    );
    expect((await memberRow(w.sam.member.id)).capacity).toBe(5);

    for (const capacity of ["0", "-1", "2.5", "ten", "1000", 0, 2.5, " 3 4 "]) {
      const result = await setAvailabilityAction.run(w.admin, {
        workspace: w.slug,
        memberId: w.sam.member.id,
        capacity,
      });
      expect(result, String(capacity)).toEqual({
        ok: false,
        error: {
          code: "validation",
          message: capacityMessage,
          fields: { capacity: capacityMessage },
        },
      });
    }
    expect((await memberRow(w.sam.member.id)).capacity).toBe(5);
    const db = await getDb();
    const recorded = await db
      .select()
      .from(memberStatusChanges)
      .where(eq(memberStatusChanges.memberId, w.sam.member.id));
    expect(recorded).toHaveLength(1);

    dataOf(
      await setAvailabilityAction.run(w.admin, {
        workspace: w.slug,
        memberId: w.sam.member.id,
        capacity: " 12 ",
      }),
    );
    expect((await memberRow(w.sam.member.id)).capacity).toBe(12);
    // Empty means unlimited.
    dataOf(
      await setAvailabilityAction.run(w.admin, {
        workspace: w.slug,
        memberId: w.sam.member.id,
        capacity: "",
      }),
    );
    expect((await memberRow(w.sam.member.id)).capacity).toBeNull();
  });

  it("lowering capacity below the load keeps the conversations; raising it routes the queue", async () => {
    const w = await world();
    dataOf(await updateRoutingAction.run(w.admin, { workspace: w.slug, routingMode: "balanced" }));
    await online(w.workspace.id, w.sam.member.id);
    const held = [await arrive(w.workspace.id, "a"), await arrive(w.workspace.id, "b")];
    for (const c of held) expect((await conversationRow(c.id)).assigneeId).toBe(w.sam.member.id);

    const lowered = dataOf(
      await setAvailabilityAction.run(w.admin, {
        workspace: w.slug,
        memberId: w.sam.member.id,
        capacity: 1,
      }),
    );
    expect(lowered).toMatchObject({ capacity: 1, openConversations: 2, routed: 0 });
    for (const c of held) expect((await conversationRow(c.id)).assigneeId).toBe(w.sam.member.id);

    // Over capacity: the next arrival waits.
    const next = await arrive(w.workspace.id, "c");
    expect((await conversationRow(next.id)).queuedAt).not.toBeNull();

    const raised = dataOf(
      await setAvailabilityAction.run(w.admin, {
        workspace: w.slug,
        memberId: w.sam.member.id,
        capacity: 3,
      }),
    );
    expect(raised.routed).toBe(1);
    expect((await conversationRow(next.id)).assigneeId).toBe(w.sam.member.id);

    // Accepts chats off, by the Admin: keeps what they hold, gets nothing new.
    dataOf(
      await setAvailabilityAction.run(w.admin, {
        workspace: w.slug,
        memberId: w.sam.member.id,
        acceptsChats: false,
      }),
    );
    expect((await memberRow(w.sam.member.id)).openConversations).toBe(3);
    const later = await arrive(w.workspace.id, "d");
    expect((await conversationRow(later.id)).assigneeId).toBeNull();
  });

  it("counts a team's own mode and members in the overview", async () => {
    const w = await world();
    const db = await getDb();
    const [team] = await db
      .insert(teams)
      .values({ workspaceId: w.workspace.id, name: "Support", routingMode: "round_robin" })
      .returning();
    if (!team) throw new Error("team insert failed");
    await db.insert(teamMembers).values({ teamId: team.id, memberId: w.kim.member.id });
    await arrive(w.workspace.id, "team", team.id);
    const overview = await getRoutingOverview(db, {
      workspace: await workspaceRow(w.workspace.id),
    });
    expect(overview.teams).toEqual([
      {
        id: team.id,
        name: "Support",
        routingMode: "round_robin",
        effectiveMode: "round_robin",
        memberCount: 1,
        eligibleCount: 0,
        waiting: 1,
      },
    ]);
    expect(overview).toMatchObject({ mode: "manual", waiting: 0, waitingTotal: 1 });
  });
});

describe("who may change routing and availability", () => {
  it("refuses non-Admins, and another workspace's member is not found", async () => {
    const w = await world();
    for (const caller of [w.sam.actor, w.val.actor]) {
      const routing = await updateRoutingAction.run(caller, {
        workspace: w.slug,
        routingMode: "balanced",
      });
      expect(routing).toMatchObject({ ok: false, error: { code: "forbidden" } });
      const capacity = await setAvailabilityAction.run(caller, {
        workspace: w.slug,
        memberId: w.kim.member.id,
        capacity: 1,
      });
      expect(capacity).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect((await workspaceRow(w.workspace.id)).routingMode).toBe("manual");
    expect((await memberRow(w.kim.member.id)).capacity).toBeNull();

    const away = await world();
    const foreign = await setAvailabilityAction.run(w.admin, {
      workspace: w.slug,
      memberId: away.sam.member.id,
      capacity: 1,
    });
    expect(foreign).toMatchObject({ ok: false, error: { code: "not_found" } });
    expect((await memberRow(away.sam.member.id)).capacity).toBeNull();
  });
});
