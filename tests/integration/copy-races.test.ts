import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import * as schema from "@/db/schema";
import { contacts, conversations, members, users } from "@/db/schema";
import { startConversation } from "@/lib/assignment/conversation-lifecycle";
import { resolveWorkspaceContext } from "@/lib/auth/workspace-context";
import { listConversations } from "@/lib/conversations/list-conversations";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { listQuerySchema } from "@/lib/conversations/schemas";
import { viewerFor } from "@/lib/conversations/viewer";
import { makeUser, makeWorkspace } from "../support/factories";
import { gate } from "../support/gate";

/**
 * The copies triggers keep for the inbox list (a conversation's contact details, migration
 * 0018; the directory version naming assignees, 0017) against a change committing alongside
 * the write that copies (migration 0019). Each race runs the two writers on two connections,
 * one held open while the other starts. PGlite is one connection: nothing runs alongside.
 */

const url = process.env.DATABASE_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let pool: pg.Pool | undefined;
function otherConnection() {
  pool ??= new pg.Pool({ connectionString: url, max: 4 });
  return drizzle({ client: pool, schema, casing: "snake_case" });
}
afterAll(async () => {
  await pool?.end();
});

describe.skipIf(!url)("copies kept by triggers, against a change committing alongside", () => {
  async function contactSetup() {
    const db = await getDb();
    const { workspace } = await makeWorkspace();
    const [contact] = await db
      .insert(contacts)
      .values({ workspaceId: workspace.id, name: "Old Name", email: "old@example.test" })
      .returning();
    if (!contact) throw new Error("contact insert returned nothing");
    const start = (on: schema.Workspace) => (tx: Parameters<typeof startConversation>[0]) =>
      startConversation(tx, {
        workspace: on,
        contactId: contact.id,
        channel: "api",
        subject: null,
        teamId: null,
        now: new Date(),
      });
    const copied = async (conversationId: string) => {
      const [row] = await db
        .select({ name: conversations.contactName, email: conversations.contactEmail })
        .from(conversations)
        .where(eq(conversations.id, conversationId));
      return row;
    };
    return { db, workspace, contact, start, copied };
  }

  it("a conversation created while its contact's details change ends with the new details", async () => {
    const { db, workspace, contact, start, copied } = await contactSetup();
    const held = gate();
    // The contact's change is made and held uncommitted …
    const change = db.transaction(async (tx) => {
      await tx
        .update(contacts)
        .set({ name: "New Name", email: "new@example.test" })
        .where(eq(contacts.id, contact.id));
      await held.opened;
    });
    await sleep(100);
    // … while a conversation for that contact is created on another connection.
    const created = otherConnection().transaction(start(workspace));
    await sleep(200);
    held.open();
    await change;
    const { conversation } = await created;
    expect(await copied(conversation.id)).toEqual({
      name: "New Name",
      email: "new@example.test",
    });
  });

  it("a contact changed while a conversation of theirs is being created reaches it", async () => {
    const { db, workspace, contact, start, copied } = await contactSetup();
    const held = gate();
    // The conversation is created and held uncommitted …
    let createdId = "";
    const created = db.transaction(async (tx) => {
      const { conversation } = await start(workspace)(tx);
      createdId = conversation.id;
      await held.opened;
    });
    await sleep(100);
    // … while the contact's details change on another connection.
    const change = otherConnection()
      .update(contacts)
      .set({ name: "New Name", email: "new@example.test" })
      .where(eq(contacts.id, contact.id));
    await sleep(200);
    held.open();
    await Promise.all([created, change]);
    expect(await copied(createdId)).toEqual({ name: "New Name", email: "new@example.test" });
  });

  it("a member added while their user is renamed is listed under the new name", async () => {
    const db = await getDb();
    const { workspace, admin } = await makeWorkspace();
    const { conversation } = await receiveInboundMessage(db, {
      workspaceId: workspace.id,
      channel: "api",
      handle: `rename-${randomBytes(4).toString("hex")}`,
      body: "Hello?",
    });
    const viewer = await viewerFor(
      await resolveWorkspaceContext(db, {
        userId: admin.id,
        slug: workspace.slug,
        permission: "conversations.view",
      }),
    );
    const assigneeShown = async () => {
      const page = await listConversations(db, viewer, listQuerySchema.parse({ view: "all" }));
      return page.items.find((i) => i.id === conversation.id)?.assignee?.name ?? null;
    };
    const user = await makeUser("joiner");
    const held = gate();
    // The rename is made and held uncommitted …
    const rename = db.transaction(async (tx) => {
      await tx.update(users).set({ name: "Renamed Rae" }).where(eq(users.id, user.id));
      await held.opened;
    });
    await sleep(100);
    // … while the user joins the workspace and takes the conversation on another connection.
    const join = otherConnection().transaction(async (tx) => {
      const [member] = await tx
        .insert(members)
        .values({ workspaceId: workspace.id, userId: user.id, role: "agent" })
        .returning();
      if (!member) throw new Error("member insert returned nothing");
      // Set directly: this test is about the names, not the assignment rules.
      await tx
        .update(conversations)
        .set({ assigneeId: member.id })
        .where(eq(conversations.id, conversation.id));
    });
    await sleep(200);
    // A page read now loads the directory (before the fix: with the member, under the old name).
    await assigneeShown();
    held.open();
    await Promise.all([rename, join]);
    expect(await assigneeShown()).toBe("Renamed Rae");
  });
});

describe.skipIf(!url)("a new customer's first messages arriving at once", () => {
  it("both land in one conversation of one contact; neither request fails", async () => {
    const { workspace } = await makeWorkspace();
    const db = await getDb();
    for (let round = 0; round < 5; round++) {
      const handle = `double-${round}-${randomBytes(4).toString("hex")}`;
      const send = (on: Parameters<typeof receiveInboundMessage>[0], body: string) =>
        receiveInboundMessage(on, { workspaceId: workspace.id, channel: "api", handle, body });
      const results = await Promise.allSettled([
        send(db, "first"),
        send(otherConnection(), "second"),
      ]);
      expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual([
        "ok",
        "ok",
      ]);
      const conversationIds = new Set(
        results.flatMap((r) => (r.status === "fulfilled" ? [r.value.conversation.id] : [])),
      );
      const contactIds = new Set(
        results.flatMap((r) => (r.status === "fulfilled" ? [r.value.contact.id] : [])),
      );
      expect(conversationIds.size).toBe(1);
      expect(contactIds.size).toBe(1);
    }
  });
});
