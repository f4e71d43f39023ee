import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/rows";
import { emailOutbox, members, notifications } from "@/db/schema";
import { assignMember } from "@/lib/assignment/assign-conversation";
import { sendMessage } from "@/lib/conversations/send-message";
import { emailPendingAssignments } from "@/lib/notifications/email-assignments";
import { latestNotifications, listNotifications } from "@/lib/notifications/list-notifications";
import { markNotificationsRead } from "@/lib/notifications/mark-notifications-read";
import {
  arrive,
  buildWorld,
  customerWrites,
  online,
  viewerOf,
  who,
} from "../support/assignment-world";

/**
 * The bell (DESIGN.md, "Notifications"): assignment always notifies the new assignee, new
 * customer messages notify the owner (one unread entry per conversation), @mentions in notes
 * notify the member named, and assignment emails go through the outbox for those who want them.
 */
describe("notifications", () => {
  it("tells the assignee, the owner of new messages (collapsed) and mentioned members", async () => {
    const world = await buildWorld({ people: { Sam: "agent", Kim: "agent", Vic: "viewer" } });
    const sam = who(world, "Sam").member;
    const conversation = await arrive(world);
    await assignMember(world.db, {
      viewer: await viewerOf(world),
      conversationId: conversation.id,
      memberId: sam.id,
    });
    let bell = await listNotifications(world.db, { memberId: sam.id });
    expect(bell.unread).toBe(1);
    expect(bell.items[0]).toMatchObject({
      type: "conversation_assigned",
      conversationId: conversation.id,
      title: expect.stringContaining("assigned to you"),
      detail: "by Admin",
    });

    const bellSignals = async () =>
      (
        await rows<{ n: number }>(
          world.db,
          sql`select count(*)::int as n from realtime_events
            where type = 'notification.created' and audience->'memberIds' ? ${sam.id}`,
        )
      )[0]?.n ?? 0;
    await customerWrites(world, { handle: conversation.handle });
    const signalsBefore = await bellSignals();
    await customerWrites(world, { handle: conversation.handle });
    bell = await listNotifications(world.db, { memberId: sam.id });
    expect(bell.items.filter((item) => item.type === "message_received")).toHaveLength(1);
    expect(bell.unread).toBe(2);
    // The collapsed entry moved to the newer message: Sam's bell hears of it and reads again.
    expect(await bellSignals()).toBe(signalsBefore + 1);

    // Kim (an Agent outside the conversation's scope) is not notified of a mention she may
    // not see; the Viewer Vic may see everything, so his mention counts.
    await sendMessage(world.db, {
      viewer: await viewerOf(world),
      conversationId: conversation.id,
      body: "@Sam can you take this? cc @Kim @Vic",
      note: true,
    });
    const mentionedSam = await listNotifications(world.db, { memberId: sam.id });
    expect(mentionedSam.items.map((item) => item.type)).toContain("mentioned");
    const kim = await listNotifications(world.db, { memberId: who(world, "Kim").member.id });
    expect(kim.items).toEqual([]);
    const vic = await listNotifications(world.db, { memberId: who(world, "Vic").member.id });
    expect(vic.items.map((item) => item.title)).toEqual(["Admin mentioned you"]);

    expect(
      await markNotificationsRead(world.db, { workspaceId: world.workspaceId, memberId: sam.id }),
    ).toBe(3);
    expect((await listNotifications(world.db, { memberId: sam.id })).unread).toBe(0);
    // Another member cannot mark Sam's notifications read.
    const [own] = await world.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(eq(notifications.memberId, sam.id));
    await expect(
      markNotificationsRead(world.db, {
        workspaceId: world.workspaceId,
        memberId: who(world, "Kim").member.id,
        notificationId: own?.id,
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect((await listNotifications(world.db, { memberId: sam.id })).unread).toBe(0);
  });

  it("marks all read up to the newest the member was shown, not one that arrived since", async () => {
    const world = await buildWorld({ people: { Sam: "agent" } });
    const sam = who(world, "Sam").member;
    const assign = async () =>
      assignMember(world.db, {
        viewer: await viewerOf(world),
        conversationId: (await arrive(world)).id,
        memberId: sam.id,
      });
    await assign();
    await assign();
    const shown = await listNotifications(world.db, { memberId: sam.id });
    expect(shown.unread).toBe(2);
    await assign(); // arrives while the bell is open
    const marked = await markNotificationsRead(world.db, {
      workspaceId: world.workspaceId,
      memberId: sam.id,
      upTo: new Date(shown.items[0]?.createdAt ?? 0),
    });
    expect(marked).toBe(2);
    const after = await listNotifications(world.db, { memberId: sam.id });
    expect(after.unread).toBe(1);
    expect(after.items.filter((item) => !item.read).map((item) => item.type)).toEqual([
      "conversation_assigned",
    ]);
  });

  it("emails an assignment once, through the outbox, only to members who want it", async () => {
    const world = await buildWorld({ people: { Sam: "agent", Kim: "agent" }, mode: "balanced" });
    const kim = who(world, "Kim");
    await world.db
      .update(members)
      .set({ emailOnAssignment: false })
      .where(eq(members.id, kim.member.id));
    const waiting = await arrive(world);
    await assignMember(world.db, {
      viewer: await viewerOf(world),
      conversationId: waiting.id,
      memberId: kim.member.id,
    });
    await online(world, "Sam");
    const routed = await arrive(world);
    expect(routed.assigneeId).toBe(who(world, "Sam").member.id);

    let queued = await emailPendingAssignments(world.db);
    expect(queued).toBeGreaterThanOrEqual(1);
    // Other test files' assignments share the database and its batches: drain them all; the
    // check below says Sam's was emailed exactly once however many rounds that took.
    while (queued > 0) queued = await emailPendingAssignments(world.db);
    const sent = await world.db
      .select({ to: emailOutbox.toAddress, subject: emailOutbox.subject })
      .from(emailOutbox)
      .where(eq(emailOutbox.template, "conversation-assigned"));
    expect(sent.filter((row) => row.to === who(world, "Sam").user.email)).toEqual([
      { to: who(world, "Sam").user.email, subject: expect.stringContaining("is yours now") },
    ]);
    expect(sent.some((row) => row.to === kim.user.email)).toBe(false);
  });

  it("does not email an assignment that was handed on before the mailer ran", async () => {
    const world = await buildWorld({ people: { Sam: "agent", Kim: "agent" } });
    const [sam, kim] = [who(world, "Sam"), who(world, "Kim")];
    const conversation = await arrive(world);
    const viewer = await viewerOf(world);
    await assignMember(world.db, {
      viewer,
      conversationId: conversation.id,
      memberId: sam.member.id,
    });
    await assignMember(world.db, {
      viewer,
      conversationId: conversation.id,
      memberId: kim.member.id,
    });
    let queued = await emailPendingAssignments(world.db);
    while (queued > 0) queued = await emailPendingAssignments(world.db);
    const sent = await world.db
      .select({ to: emailOutbox.toAddress })
      .from(emailOutbox)
      .where(eq(emailOutbox.template, "conversation-assigned"));
    expect(sent.filter((row) => row.to === sam.user.email)).toEqual([]);
    expect(sent.filter((row) => row.to === kim.user.email)).toHaveLength(1);
  });

  it("finds the bell's conversations and actors by primary key, not by reading the whole table", async () => {
    const world = await buildWorld({ people: { Sam: "agent" } });
    const sam = who(world, "Sam").member.id;
    // With sequential scans priced out, a join PostgreSQL can answer from an index uses it;
    // the old join compared the uuid as text, which no index answers.
    const plan = await world.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const explained = await rows<{ "QUERY PLAN": string }>(
        tx,
        sql`explain ${latestNotifications(tx, sam)}`,
      );
      return explained.map((r) => r["QUERY PLAN"]).join("\n");
    });
    // Each id is an index condition, not a filter applied to every row of a wider range.
    expect(plan).toMatch(/Index Cond: .*\bid = \(\(notifications\.data ->> 'conversationId'/);
    expect(plan).toMatch(/Index Cond: .*\bid = \(\(notifications\.data ->> 'byMemberId'/);
  });
});
