import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import {
  contactIdentities,
  contacts,
  conversations,
  members,
  teamMembers,
  teams,
  workspaces,
} from "@/db/schema";
import { assignMember, assignTeam } from "@/lib/assignment/assign-conversation";
import { drainQueue } from "@/lib/assignment/drain-queue";
import { lockRouting } from "@/lib/assignment/routing-lock";
import { setMemberAvailability } from "@/lib/assignment/set-member-availability";
import { resolveWorkspaceContext } from "@/lib/auth/workspace-context";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { sendMessage } from "@/lib/conversations/send-message";
import { viewerFor } from "@/lib/conversations/viewer";
import type { AppError } from "@/lib/errors";
import { lockWorkspace } from "@/lib/members/lock-workspace";
import { addTeamMember } from "@/lib/teams/add-team-member";
import { deleteTeam } from "@/lib/teams/delete-team";
import { lockTeam } from "@/lib/teams/lock-team";
import { renameTeam } from "@/lib/teams/rename-team";
import { updateRoutingSettings } from "@/lib/workspaces/update-routing-settings";
import {
  type AssignmentWorld,
  arrive,
  buildWorld,
  customerWrites,
  viewerOf,
  who,
  workspaceOf,
} from "../support/assignment-world";
import { makeWorkspace } from "../support/factories";
import { gate } from "../support/gate";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Lock order: a removal holds the workspace row and then takes the routing lock; a status
 * change holds the routing lock and then inserts rows referencing the workspace (which need
 * a key-share lock on its row). With FOR UPDATE on the workspace row these deadlocked.
 */
describe("the workspace lock", () => {
  it("lets a removal's lock order and a status change both finish", async () => {
    const db = await getDb();
    const { workspace, others } = await makeWorkspace(["agent"]);
    const agent = others[0];
    if (!agent) throw new Error("no agent");
    const removal = db.transaction(async (tx) => {
      await lockWorkspace(tx, workspace.id); // as removeMember / leaveWorkspace do first
      await sleep(400);
      await lockRouting(tx, workspace.id); // ... then the routing lock
      return "removal ok";
    });
    await sleep(100);
    const availability = setMemberAvailability(db, {
      workspace,
      memberId: agent.member.id,
      actorMemberId: agent.member.id,
      change: { status: "online" },
    }).then(() => "availability ok");
    const results = await Promise.allSettled([removal, availability]);
    console.log(
      JSON.stringify(
        results.map((r) =>
          r.status === "fulfilled"
            ? r.value
            : `${(r.reason as { cause?: { code?: string; message?: string } }).cause?.code} ${(r.reason as { cause?: { message?: string } }).cause?.message}`,
        ),
      ),
    );
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
  });

  /** Both transactions' outcomes, a failure as its PostgreSQL error code (40P01: deadlock). */
  const outcomes = async (...runs: Promise<string>[]) =>
    (await Promise.allSettled(runs)).map((r) =>
      r.status === "fulfilled"
        ? r.value
        : ((r.reason as { cause?: { code?: string } }).cause?.code ?? String(r.reason)),
    );

  /** A workspace with an Agent and a team. */
  const withTeam = async (name: string) => {
    const db = await getDb();
    const { workspace, others } = await makeWorkspace(["agent"]);
    const agent = others[0];
    if (!agent) throw new Error("no agent");
    const [team] = await db.insert(teams).values({ workspaceId: workspace.id, name }).returning();
    if (!team) throw new Error("no team");
    return { db, workspace, agent, team };
  };

  // A team's name is in every inbox's directory (migration 0017): renaming or deleting a team
  // raises the workspace's directory version, so team changes take the workspace row first too.
  it("lets a team rename and an invitation that adds to that team both finish", async () => {
    const { db, workspace, agent, team } = await withTeam("Lock order");
    const accepting = db.transaction(async (tx) => {
      await lockWorkspace(tx, workspace.id); // as acceptInvitation does first
      await sleep(400);
      await tx.insert(teamMembers).values({ teamId: team.id, memberId: agent.member.id });
      return "accept ok";
    });
    await sleep(100);
    const renaming = renameTeam(db, {
      workspaceId: workspace.id,
      actorMemberId: agent.member.id,
      teamId: team.id,
      name: "Renamed under load",
    }).then(() => "rename ok");
    expect(await outcomes(accepting, renaming)).toEqual(["accept ok", "rename ok"]);
  });

  it("lets a team delete and a member removal over the same conversation both finish", async () => {
    const { db, workspace, agent, team } = await withTeam("Doomed");
    const { conversation } = await receiveInboundMessage(db, {
      workspaceId: workspace.id,
      channel: "api",
      handle: `lock-order-${team.id}`,
      body: "Hello",
      teamId: team.id,
    });
    await db
      .update(conversations)
      .set({ assigneeId: agent.member.id })
      .where(eq(conversations.id, conversation.id));
    const removing = db.transaction(async (tx) => {
      await lockWorkspace(tx, workspace.id); // as endMembership does first
      await sleep(400);
      // ... then releases the member's open conversations
      await tx
        .update(conversations)
        .set({ assigneeId: null })
        .where(eq(conversations.assigneeId, agent.member.id));
      return "removal ok";
    });
    await sleep(100);
    const deleting = deleteTeam(db, {
      workspaceId: workspace.id,
      actorMemberId: agent.member.id,
      teamId: team.id,
    }).then(() => "delete ok");
    expect(await outcomes(removing, deleting)).toEqual(["removal ok", "delete ok"]);
  });
});

describe.skipIf(!process.env.DATABASE_URL)("a member removed while being assigned", () => {
  it("is refused once the removal commits first, and the conversation stays unassigned", async () => {
    const db = await getDb();
    const { workspace, admin, others } = await makeWorkspace(["agent"]);
    const agent = others[0];
    if (!agent) throw new Error("no agent");
    const { conversation } = await receiveInboundMessage(db, {
      workspaceId: workspace.id,
      channel: "api",
      handle: `removed-${agent.member.id}`,
      body: "Hello",
    });
    const viewer = await viewerFor(
      await resolveWorkspaceContext(db, {
        userId: admin.id,
        slug: workspace.slug,
        permission: "conversations.view",
      }),
    );
    // As endMembership does: the routing lock, then the member marked removed, then commit.
    const removing = db.transaction(async (tx) => {
      await lockRouting(tx, workspace.id);
      await tx
        .update(members)
        .set({ removedAt: new Date() })
        .where(eq(members.id, agent.member.id));
      await sleep(400);
      return "removal ok";
    });
    await sleep(100);
    const assigning = assignMember(db, {
      viewer,
      conversationId: conversation.id,
      memberId: agent.member.id,
    }).then(
      () => "assigned",
      (error: AppError) => error.code,
    );
    expect(await Promise.all([removing, assigning])).toEqual(["removal ok", "not_found"]);
    const [row] = await db
      .select({ assigneeId: conversations.assigneeId })
      .from(conversations)
      .where(eq(conversations.id, conversation.id));
    expect(row?.assigneeId).toBeNull();
  });
});

describe.skipIf(!process.env.DATABASE_URL)(
  "a waiting conversation held while its queue drains",
  () => {
    /**
     * A queued conversation (nobody eligible), someone eligible now, and a drain that runs while
     * a message's transaction holds the row — the drain skips it. The message's transaction is
     * held after it locked the row by a lock on the workspace row (its message insert needs a
     * key-share lock there). Once it commits, the conversation must not be left waiting.
     */
    async function heldDuringDrain(
      write: (world: AssignmentWorld, c: { id: string; handle: string }) => Promise<unknown>,
    ) {
      const w = await buildWorld({ people: { Sam: "agent" }, mode: "balanced" });
      const c = await arrive(w);
      const db = w.db;
      await db
        .update(members)
        .set({ status: "online" })
        .where(eq(members.id, who(w, "Sam").member.id)); // eligible, with no drain run for it
      const { opened: released, open: release } = gate();
      const blocker = db.transaction(async (tx) => {
        await tx.select().from(workspaces).where(eq(workspaces.id, w.workspaceId)).for("update");
        await released;
      });
      await sleep(100);
      const writing = write(w, c);
      await sleep(200);
      const workspace = await workspaceOf(w);
      const drained = await db.transaction((tx) => drainQueue(tx, { workspace, now: new Date() }));
      expect(drained.routed).toEqual([]); // the row was held: skipped
      release();
      await Promise.all([blocker, writing]);
      const [row] = await db
        .select({ assigneeId: conversations.assigneeId, queuedAt: conversations.queuedAt })
        .from(conversations)
        .where(eq(conversations.id, c.id));
      expect(row).toEqual({ assigneeId: who(w, "Sam").member.id, queuedAt: null });
    }

    it("is routed after a member's note commits", async () => {
      await heldDuringDrain(async (w, c) =>
        sendMessage(w.db, {
          viewer: await viewerOf(w),
          conversationId: c.id,
          body: "Looking",
          note: true,
        }),
      );
    });

    it("is routed after the customer's follow-up commits", async () => {
      await heldDuringDrain((w, c) => customerWrites(w, { handle: c.handle }));
    });
  },
);

describe.skipIf(!process.env.DATABASE_URL)("a team assigned while the team changes", () => {
  it("lets assigning a routed team and adding a member to it both finish", async () => {
    const w = await buildWorld({ people: { Sam: "agent" }, mode: "balanced" });
    const db = w.db;
    const [team] = await db
      .insert(teams)
      .values({ workspaceId: w.workspaceId, name: "Billing", routingMode: "balanced" })
      .returning();
    if (!team) throw new Error("no team");
    const c = await arrive(w);
    const admin = await viewerOf(w);
    // As addTeamMember, setTeamRouting and deleteTeam do: the team row, then the routing lock.
    const changing = db.transaction(async (tx) => {
      await lockTeam(tx, { workspaceId: w.workspaceId, teamId: team.id });
      await sleep(400);
      await lockRouting(tx, w.workspaceId);
      return "team change ok";
    });
    await sleep(100);
    const assigning = assignTeam(db, { viewer: admin, conversationId: c.id, teamId: team.id }).then(
      () => "assign ok",
      (error: { cause?: { code?: string } }) => error.cause?.code ?? String(error),
    );
    expect(await Promise.all([changing, assigning])).toEqual(["team change ok", "assign ok"]);
  });
});

describe.skipIf(!process.env.DATABASE_URL)(
  "a member added to a team while routing changes them",
  () => {
    it("lets adding a member to a team and an availability change of that member both finish", async () => {
      const w = await buildWorld({ people: { Sam: "agent" }, mode: "balanced" });
      const db = w.db;
      const [team] = await db
        .insert(teams)
        .values({ workspaceId: w.workspaceId, name: "Billing" })
        .returning();
      if (!team) throw new Error("no team");
      const sam = who(w, "Sam").member.id;
      // As removals, role and availability changes do: the routing lock, then the member row.
      const changing = db.transaction(async (tx) => {
        await lockRouting(tx, w.workspaceId);
        await sleep(400);
        await tx.update(members).set({ status: "online" }).where(eq(members.id, sam));
        return "availability ok";
      });
      await sleep(100);
      const adding = addTeamMember(db, {
        workspaceId: w.workspaceId,
        actorMemberId: w.admin.member.id,
        teamId: team.id,
        memberId: sam,
      }).then(
        () => "add ok",
        (error: { cause?: { code?: string } }) => error.cause?.code ?? String(error),
      );
      expect(await Promise.all([changing, adding])).toEqual(["availability ok", "add ok"]);
    });
  },
);

describe.skipIf(!process.env.DATABASE_URL)(
  "a routing mode switched while a conversation arrives",
  () => {
    it("routes the arrival that read the old mode, once both have committed", async () => {
      const w = await buildWorld({ people: { Sam: "agent" }, mode: "manual" });
      const db = w.db;
      const sam = who(w, "Sam").member.id;
      await db.update(members).set({ status: "online" }).where(eq(members.id, sam));
      const handle = `switch-${Date.now()}`;
      const [contact] = await db
        .insert(contacts)
        .values({ workspaceId: w.workspaceId, name: "Pat" })
        .returning();
      if (!contact) throw new Error("contact insert returned nothing");
      await db
        .insert(contactIdentities)
        .values({ workspaceId: w.workspaceId, contactId: contact.id, channel: "api", handle });
      // The arrival is held after it read the workspace (manual): inserting its conversation
      // locks the contact (migration 0019), which this transaction holds.
      const { opened: released, open: release } = gate();
      const blocker = db.transaction(async (tx) => {
        await tx.select().from(contacts).where(eq(contacts.id, contact.id)).for("update");
        await released;
      });
      await sleep(100);
      const arriving = receiveInboundMessage(db, {
        workspaceId: w.workspaceId,
        channel: "api",
        handle,
        body: "Hello",
      });
      await sleep(200);
      const switching = updateRoutingSettings(db, {
        workspaceId: w.workspaceId,
        actorMemberId: w.admin.member.id,
        input: { routingMode: "balanced" },
      });
      await sleep(300);
      release();
      const [{ conversation }] = await Promise.all([arriving, switching, blocker]);
      const [row] = await db
        .select({ assigneeId: conversations.assigneeId, queuedAt: conversations.queuedAt })
        .from(conversations)
        .where(eq(conversations.id, conversation.id));
      // Before: the switch queued what had committed and finished; the arrival committed after
      // it, unqueued, and waited in Unassigned with routing on and Sam online.
      expect(row).toEqual({ assigneeId: sam, queuedAt: null });
    });
  },
);
