import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { conversations, members, teams, users } from "@/db/schema";
import { resolveWorkspaceContext } from "@/lib/auth/workspace-context";
import { listConversations } from "@/lib/conversations/list-conversations";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { listQuerySchema } from "@/lib/conversations/schemas";
import { viewerFor } from "@/lib/conversations/viewer";
import { makeWorkspace } from "../support/factories";

/**
 * A list page names assignees and teams from a per-process directory of the workspace and
 * shows contact details copied onto each conversation (migrations 0017 and 0018). Whatever
 * changes a name must show on the very next page read, in this process too.
 */
describe("names on an inbox page", () => {
  async function setup() {
    const db = await getDb();
    const { workspace, admin, others } = await makeWorkspace(["agent"]);
    const [agent] = others;
    if (!agent) throw new Error("setup failed");
    const [team] = await db
      .insert(teams)
      .values({ workspaceId: workspace.id, name: "Billing" })
      .returning();
    if (!team) throw new Error("team insert returned nothing");
    const handle = `names-${Math.random().toString(36).slice(2)}`;
    const { conversation } = await receiveInboundMessage(db, {
      workspaceId: workspace.id,
      channel: "web_chat",
      handle,
      body: "Hello, is anyone there?",
      teamId: team.id,
    });
    await db
      .update(conversations)
      .set({ assigneeId: agent.member.id })
      .where(eq(conversations.id, conversation.id));
    const viewer = await viewerFor(
      await resolveWorkspaceContext(db, {
        userId: admin.id,
        slug: workspace.slug,
        permission: "conversations.view",
      }),
    );
    const item = async () => {
      const page = await listConversations(db, viewer, listQuerySchema.parse({ view: "all" }));
      const found = page.items.find((i) => i.id === conversation.id);
      if (!found) throw new Error("the conversation is not on the page");
      return found;
    };
    return { db, workspace, agent, team, handle, conversation, item, viewer };
  }

  it("shows a renamed assignee, a renamed team and the contact's new details on the next read", async () => {
    const { db, workspace, agent, team, handle, conversation, item } = await setup();
    const before = await item();
    // Times are served in JavaScript's ISO form, whatever form the database returns them in.
    expect(before.lastMessageAt).toBe(conversation.lastMessageAt.toISOString());
    expect(before.waitingSince).toBe(conversation.waitingSince?.toISOString());
    expect(before.assignee).toEqual({ id: agent.member.id, name: agent.user.name, image: null });
    expect(before.team).toEqual({ id: team.id, name: "Billing" });
    expect(before.contact).toMatchObject({ name: null, email: null });

    await db
      .update(users)
      .set({ name: "Sam Renamed", image: "https://example.com/sam.png" })
      .where(eq(users.id, agent.user.id));
    await db.update(teams).set({ name: "Accounts" }).where(eq(teams.id, team.id));
    // The customer gives a name and email later: they fill the contact's gaps.
    await receiveInboundMessage(db, {
      workspaceId: workspace.id,
      channel: "web_chat",
      handle,
      contact: { name: "Ada Lovelace", email: "Ada@Example.com" },
      body: "It's Ada, by the way.",
    });

    const after = await item();
    expect(after.assignee).toEqual({
      id: agent.member.id,
      name: "Sam Renamed",
      image: "https://example.com/sam.png",
    });
    expect(after.team).toEqual({ id: team.id, name: "Accounts" });
    expect(after.contact).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com" });
  });

  it("names a member who joined after the page was last read, and drops a deleted team", async () => {
    const { db, workspace, team, conversation, item } = await setup();
    await item();
    const [user] = await db
      .insert(users)
      .values({ name: "Newcomer Nia", email: `nia-${conversation.id}@example.com` })
      .returning();
    if (!user) throw new Error("user insert returned nothing");
    const [member] = await db
      .insert(members)
      .values({ workspaceId: workspace.id, userId: user.id, role: "agent" })
      .returning();
    if (!member) throw new Error("member insert returned nothing");
    await db
      .update(conversations)
      .set({ assigneeId: member.id })
      .where(eq(conversations.id, conversation.id));
    await db.delete(teams).where(eq(teams.id, team.id));

    const after = await item();
    expect(after.assignee).toEqual({ id: member.id, name: "Newcomer Nia", image: null });
    expect(after.team).toBeNull();
  });

  it("says which rows a member may claim: not a group conversation, not one with assignment off", async () => {
    // The admin sees every row.
    const { db, workspace, conversation, viewer } = await setup();
    const arrive = async (handle: string) =>
      (
        await receiveInboundMessage(db, {
          workspaceId: workspace.id,
          channel: "api",
          handle,
          body: "Hi",
        })
      ).conversation.id;
    const group = await arrive(`group-${conversation.id}`);
    const switchedOff = await arrive(`off-${conversation.id}`);
    const plain = await arrive(`plain-${conversation.id}`);
    await db.update(conversations).set({ kind: "group" }).where(eq(conversations.id, group));
    await db
      .update(conversations)
      .set({ assignmentDisabled: true })
      .where(eq(conversations.id, switchedOff));
    const page = await listConversations(db, viewer, listQuerySchema.parse({ view: "all" }));
    const claimable = new Map(page.items.map((i) => [i.id, i.claimable]));
    // The list offered "Assign to me" on all three; the server refuses the first two.
    expect([claimable.get(group), claimable.get(switchedOff), claimable.get(plain)]).toEqual([
      false,
      false,
      true,
    ]);
  });
});
