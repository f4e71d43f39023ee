import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  assignTeamAction,
  claimAction,
  setAssignmentDisabledAction,
} from "@/app/(app)/[workspace]/inbox/actions";
import { getDb } from "@/db/client";
import { members, teamMembers, teams } from "@/db/schema";
import { assignMember } from "@/lib/assignment/assign-conversation";
import { listAssignees } from "@/lib/assignment/list-assignees";
import { setMemberAvailability } from "@/lib/assignment/set-member-availability";
import { resolveWorkspaceContext } from "@/lib/auth/workspace-context";
import { getConversation } from "@/lib/conversations/get-conversation";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { explainOwnership } from "@/lib/conversations/routing-why";
import { viewerFor } from "@/lib/conversations/viewer";
import { makeWorkspace } from "../support/factories";

/** What the inbox's assignment controls read and call: the pickers' list, "Why …?", the actions. */

async function setup() {
  const db = await getDb();
  const { workspace, admin, others } = await makeWorkspace(["agent", "agent", "viewer"]);
  const [sam, xena, vic] = others;
  if (!sam || !xena || !vic) throw new Error("setup failed");
  const [team] = await db
    .insert(teams)
    .values({ workspaceId: workspace.id, name: "Support", routingMode: "balanced" })
    .returning();
  if (!team) throw new Error("team insert returned nothing");
  await db.insert(teamMembers).values([
    { teamId: team.id, memberId: sam.member.id },
    { teamId: team.id, memberId: xena.member.id },
  ]);
  const context = await resolveWorkspaceContext(db, {
    userId: admin.id,
    slug: workspace.slug,
    permission: "conversations.view",
  });
  const incoming = async (handle: string) =>
    (
      await receiveInboundMessage(db, {
        workspaceId: workspace.id,
        channel: "api",
        handle,
        body: `Hello from ${handle}`,
      })
    ).conversation.id;
  const why = async (conversationId: string) => {
    const detail = await getConversation(db, await viewerFor(context), conversationId);
    return explainOwnership({
      workspace,
      conversation: detail.conversation,
      events: detail.events,
    });
  };
  return { db, workspace, admin, sam, xena, vic, team, context, incoming, why };
}

describe("the pickers' list", () => {
  it("offers members who may reply, with status and load, and teams with the mode that applies", async () => {
    const { db, workspace, sam, vic, team } = await setup();
    await db.update(members).set({ capacity: 5 }).where(eq(members.id, sam.member.id));
    await db.insert(teams).values({ workspaceId: workspace.id, name: "Billing" });
    const other = await makeWorkspace(["agent"]);

    const { members: people, teams: teamOptions } = await listAssignees(db, workspace);
    const ids = people.map((person) => person.id);
    expect(ids).toContain(sam.member.id);
    expect(ids).not.toContain(vic.member.id);
    expect(ids).not.toContain(other.others[0]?.member.id);
    expect(people.find((person) => person.id === sam.member.id)).toMatchObject({
      role: "agent",
      status: "offline",
      acceptsChats: true,
      openConversations: 0,
      capacity: 5,
    });
    expect(teamOptions).toEqual([
      expect.objectContaining({ name: "Billing", routingMode: "inherit", effectiveMode: "manual" }),
      expect.objectContaining({
        id: team.id,
        routingMode: "balanced",
        effectiveMode: "balanced",
        memberCount: 2,
      }),
    ]);
  });
});

describe("Why …?", () => {
  it("explains a routed owner, says why a conversation waits, and falls silent after a manual change", async () => {
    const { db, workspace, admin, sam, xena, team, context, incoming, why } = await setup();
    const viewer = await viewerFor(context);
    await setMemberAvailability(db, {
      workspace,
      memberId: xena.member.id,
      actorMemberId: xena.member.id,
      change: { status: "online" },
    });

    const waiting = await incoming("waiting");
    const queued = await assignTeamAction.run(
      { userId: admin.id },
      {
        workspace: workspace.slug,
        conversationId: waiting,
        teamId: team.id,
      },
    );
    expect(queued).toMatchObject({ ok: true, data: { routed: "assigned" } });
    expect(await why(waiting)).toMatchObject({ kind: "routed", memberName: xena.user.name });
    const lines = (await why(waiting))?.lines ?? [];
    expect(lines[0]).toContain(`Balanced routing in team Support chose ${xena.user.name}`);
    expect(lines.join(" ")).toContain(`${sam.user.name} (offline)`);

    // A manual assignment replaces routing's choice: there is nothing to explain any more.
    await assignMember(db, { viewer, conversationId: waiting, memberId: sam.member.id });
    expect(await why(waiting)).toBeNull();

    // Nobody eligible: it waits, and says so.
    await setMemberAvailability(db, {
      workspace,
      memberId: xena.member.id,
      actorMemberId: xena.member.id,
      change: { status: "away" },
    });
    const later = await incoming("later");
    const result = await assignTeamAction.run(
      { userId: admin.id },
      {
        workspace: workspace.slug,
        conversationId: later,
        teamId: team.id,
      },
    );
    expect(result).toMatchObject({ ok: true, data: { routed: "queued", assignee: null } });
    const wait = await why(later);
    expect(wait?.kind).toBe("queued");
    expect(wait?.lines[0]).toContain("found nobody eligible");
    expect(wait?.lines.join(" ")).toContain(`${xena.user.name} (away)`);
  });
});

describe("the assignment actions", () => {
  it("tell the second claimer who won, by name, and report the owners after each change", async () => {
    const { workspace, sam, xena, incoming } = await setup();
    const conversationId = await incoming("race");
    const input = { workspace: workspace.slug, conversationId };

    const [first, second] = await Promise.all([
      claimAction.run({ userId: sam.user.id }, input),
      claimAction.run({ userId: xena.user.id }, input),
    ]);
    const results = [first, second];
    const winners = results.filter((result) => result?.ok);
    expect(winners).toHaveLength(1);
    const lost = results.find((result) => !result?.ok);
    const winner = first?.ok ? sam : xena;
    expect(lost).toMatchObject({
      ok: false,
      error: {
        code: "already_assigned",
        message: `${winner.user.name} took this one.`,
        details: { assignee: { id: winner.member.id, name: winner.user.name } },
      },
    });
    expect(winners[0]).toMatchObject({
      ok: true,
      data: { conversationId, changed: true, assignee: { id: winner.member.id }, team: null },
    });
  });

  it("let Admins turn assignment off and back on, and refuse Agents", async () => {
    const { workspace, admin, sam, incoming } = await setup();
    const conversationId = await incoming("switch");
    const input = { workspace: workspace.slug, conversationId, disabled: true };
    expect(await setAssignmentDisabledAction.run({ userId: sam.user.id }, input)).toMatchObject({
      ok: false,
      error: { code: "forbidden" },
    });
    expect(await setAssignmentDisabledAction.run({ userId: admin.id }, input)).toMatchObject({
      ok: true,
      data: { assignmentDisabled: true, changed: true },
    });
    expect(
      await claimAction.run({ userId: sam.user.id }, { workspace: workspace.slug, conversationId }),
    ).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(
      await setAssignmentDisabledAction.run({ userId: admin.id }, { ...input, disabled: false }),
    ).toMatchObject({ ok: true, data: { assignmentDisabled: false } });
    expect(
      await claimAction.run({ userId: sam.user.id }, { workspace: workspace.slug, conversationId }),
    ).toMatchObject({ ok: true, data: { assignee: { id: sam.member.id } } });
  });
});
