import { asc, eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import {
  conversationEvents,
  conversationReads,
  conversations,
  members,
  messages,
  teamMembers,
  teams,
  workspaces,
} from "@/db/schema";
import { resolveWorkspaceContext } from "@/lib/auth/workspace-context";
import { countViews } from "@/lib/conversations/count-views";
import { conversationToCsv, conversationToJson } from "@/lib/conversations/export-conversation";
import { getConversation } from "@/lib/conversations/get-conversation";
import { listConversations } from "@/lib/conversations/list-conversations";
import { markConversationRead, markConversationUnread } from "@/lib/conversations/read-state";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { type ListQuery, listQuerySchema } from "@/lib/conversations/schemas";
import { sendMessage } from "@/lib/conversations/send-message";
import { setConversationStatus } from "@/lib/conversations/set-status";
import { type Viewer, viewerFor } from "@/lib/conversations/viewer";
import type { AppError } from "@/lib/errors";
import { makeWorkspace } from "../support/factories";

/**
 * A workspace with two teams and conversations in every situation, and a viewer of each kind.
 * Names say where each conversation sits: "mine" (assigned to the agent), "support-open"
 * (Support team, no assignee), "sales-open" (Sales team, no assignee), "queue" (no team, no
 * assignee), "other-agent" (assigned to the Sales agent), "closed-mine".
 */
async function world() {
  const db = await getDb();
  const { workspace, admin, others } = await makeWorkspace(["agent", "agent", "viewer", "manager"]);
  const [supportAgent, salesAgent, viewer, manager] = others;
  if (!supportAgent || !salesAgent || !viewer || !manager) throw new Error("setup failed");
  const [support] = await db
    .insert(teams)
    .values({ workspaceId: workspace.id, name: "Support" })
    .returning();
  const [sales] = await db
    .insert(teams)
    .values({ workspaceId: workspace.id, name: "Sales" })
    .returning();
  if (!support || !sales) throw new Error("teams failed");
  await db.insert(teamMembers).values([
    { teamId: support.id, memberId: supportAgent.member.id },
    { teamId: sales.id, memberId: salesAgent.member.id },
  ]);
  const make = async (handle: string, extra: Partial<typeof conversations.$inferInsert> = {}) => {
    const { conversation } = await receiveInboundMessage(db, {
      workspaceId: workspace.id,
      channel: "web_chat",
      handle,
      contact: { name: `Contact ${handle}` },
      body: `Hello from ${handle} about pineapple${handle.replace(/-/g, "")}`,
      teamId: extra.teamId ?? null,
    });
    if (extra.assigneeId || extra.status) {
      await db.update(conversations).set(extra).where(eq(conversations.id, conversation.id));
    }
    return conversation.id;
  };
  const ids = {
    mine: await make("mine", { assigneeId: supportAgent.member.id, teamId: support.id }),
    supportOpen: await make("support-open", { teamId: support.id }),
    salesOpen: await make("sales-open", { teamId: sales.id }),
    queue: await make("queue"),
    otherAgent: await make("other-agent", { assigneeId: salesAgent.member.id }),
    closedMine: await make("closed-mine", { assigneeId: supportAgent.member.id, status: "closed" }),
  };
  const viewerOf = async (userId: string) =>
    viewerFor(
      await resolveWorkspaceContext(db, {
        userId,
        slug: workspace.slug,
        permission: "conversations.view",
      }),
    );
  return {
    db,
    workspace,
    ids,
    support,
    sales,
    supportAgent,
    admin: await viewerOf(admin.id),
    agent: await viewerOf(supportAgent.user.id),
    salesViewer: await viewerOf(salesAgent.user.id),
    readOnly: await viewerOf(viewer.user.id),
    manager: await viewerOf(manager.user.id),
  };
}

type World = Awaited<ReturnType<typeof world>>;
let w: World;
beforeAll(async () => {
  w = await world();
});

async function idsOf(viewer: Viewer, raw: Record<string, unknown>) {
  const page = await listConversations(w.db, viewer, listQuerySchema.parse(raw));
  return new Set(page.items.map((item) => item.id));
}

describe("visibility in every view", () => {
  it("shows an Agent their own, their team's and the no-team queue, and nothing else", async () => {
    const { ids, agent } = w;
    expect(await idsOf(agent, { view: "mine" })).toEqual(new Set([ids.mine]));
    expect(await idsOf(agent, { view: "unassigned" })).toEqual(
      new Set([ids.supportOpen, ids.queue]),
    );
    expect(await idsOf(agent, { view: "team", teamId: w.support.id })).toEqual(
      new Set([ids.mine, ids.supportOpen]),
    );
    // Another team's view yields nothing, even by id.
    expect(await idsOf(agent, { view: "team", teamId: w.sales.id })).toEqual(new Set());
    // Filters that leave no branch of the scope (the queue filtered by another team, another
    // team's view without an assignee) give an empty page, not a failed query.
    expect(await idsOf(agent, { view: "unassigned", team: w.sales.id })).toEqual(new Set());
    expect(
      await idsOf(agent, { view: "team", teamId: w.sales.id, assignee: "none", unread: true }),
    ).toEqual(new Set());
    expect(await idsOf(agent, { view: "all" })).toEqual(
      new Set([ids.mine, ids.supportOpen, ids.queue]),
    );
    expect(await idsOf(agent, { view: "closed" })).toEqual(new Set([ids.closedMine]));
    expect(await idsOf(agent, { view: "all", q: "Contact sales" })).toEqual(new Set());
  });

  it("hides the no-team queue from Agents when the workspace says so", async () => {
    await w.db
      .update(workspaces)
      .set({ agentsSeeUnassigned: false })
      .where(eq(workspaces.id, w.workspace.id));
    const strict = { ...w.agent, workspace: { ...w.agent.workspace, agentsSeeUnassigned: false } };
    expect(await idsOf(strict, { view: "unassigned" })).toEqual(new Set([w.ids.supportOpen]));
    await w.db
      .update(workspaces)
      .set({ agentsSeeUnassigned: true })
      .where(eq(workspaces.id, w.workspace.id));
  });

  it("shows Admins, Managers and Viewers everything", async () => {
    const open = new Set([
      w.ids.mine,
      w.ids.supportOpen,
      w.ids.salesOpen,
      w.ids.queue,
      w.ids.otherAgent,
    ]);
    for (const viewer of [w.admin, w.manager, w.readOnly]) {
      expect(await idsOf(viewer, { view: "all" })).toEqual(open);
      expect(await idsOf(viewer, { view: "closed" })).toEqual(new Set([w.ids.closedMine]));
      expect(await idsOf(viewer, { view: "all", assignee: "none" })).toEqual(
        new Set([w.ids.supportOpen, w.ids.salesOpen, w.ids.queue]),
      );
      expect(await idsOf(viewer, { view: "all", team: w.sales.id })).toEqual(
        new Set([w.ids.salesOpen]),
      );
    }
  });

  it("answers 404 for a conversation outside the scope, and lets nobody read-only write", async () => {
    const refused = await getConversation(w.db, w.agent, w.ids.salesOpen).catch(
      (error: AppError) => error.code,
    );
    expect(refused).toBe("not_found");
    const visible = await getConversation(w.db, w.agent, w.ids.supportOpen);
    expect(visible.messages[0]?.body).toContain("support-open");

    const write = await sendMessage(w.db, {
      viewer: w.readOnly,
      conversationId: w.ids.queue,
      body: "hi",
      note: false,
    }).catch((error: AppError) => error.code);
    expect(write).toBe("forbidden");
    const foreign = await sendMessage(w.db, {
      viewer: w.agent,
      conversationId: w.ids.salesOpen,
      body: "hi",
      note: false,
    }).catch((error: AppError) => error.code);
    expect(foreign).toBe("not_found");
  });

  it("counts each view within the viewer's scope", async () => {
    const counts = await countViews(w.db, w.agent);
    const byLabel = Object.fromEntries(counts.map((c) => [c.label, c.count]));
    expect(byLabel).toEqual({ Mine: 1, Unassigned: 2, Support: 2, "AI-handled": 0, Closed: 1 });
    const adminLabels = (await countViews(w.db, w.admin)).map((c) => c.label);
    expect(adminLabels).toEqual(["Mine", "Unassigned", "All", "AI-handled", "Closed"]);
  });

  it("finds conversations by a word of a message and by the contact's name", async () => {
    expect(await idsOf(w.admin, { view: "all", q: "pineapplequeue" })).toEqual(
      new Set([w.ids.queue]),
    );
    expect(await idsOf(w.admin, { view: "all", q: "Contact other" })).toEqual(
      new Set([w.ids.otherAgent]),
    );
    expect(await idsOf(w.admin, { view: "all", q: "100%_" })).toEqual(new Set());
  });
});

describe("the thread", () => {
  it("replies end the wait and move the conversation up; notes change neither", async () => {
    const { db, agent, ids } = w;
    const before = (await getConversation(db, agent, ids.supportOpen)).conversation;
    expect(before.waitingSince).not.toBeNull();
    await sendMessage(db, {
      viewer: agent,
      conversationId: ids.supportOpen,
      body: "Internal: check logs",
      note: true,
    });
    const afterNote = (await getConversation(db, agent, ids.supportOpen)).conversation;
    expect(afterNote.lastMessageAt).toEqual(before.lastMessageAt);
    expect(afterNote.lastMessagePreview).toBe(before.lastMessagePreview);
    await sendMessage(db, {
      viewer: agent,
      conversationId: ids.supportOpen,
      body: "We are on it!",
      note: false,
    });
    const detail = await getConversation(db, agent, ids.supportOpen);
    expect(detail.conversation.waitingSince).toBeNull();
    expect(detail.conversation.lastMessagePreview).toBe("We are on it!");
    expect(detail.messages.map((m) => m.kind)).toEqual(["inbound", "note", "outbound"]);
    expect(detail.messages[2]?.author?.id).toBe(w.supportAgent.member.id);

    const json = conversationToJson(detail);
    expect(json.messages.map((m) => m.body)).toContain("We are on it!");
    const csv = conversationToCsv(detail);
    expect(csv.split("\r\n")[0]).toBe("record,time,kind,author,text");
    expect(csv).toContain("We are on it!");
  });

  it("closes, reopens with events, and a customer message reopens a closed one", async () => {
    const { db, admin, ids, workspace } = w;
    await setConversationStatus(db, { viewer: admin, conversationId: ids.queue, status: "closed" });
    await setConversationStatus(db, { viewer: admin, conversationId: ids.queue, status: "closed" });
    await receiveInboundMessage(db, {
      workspaceId: workspace.id,
      channel: "web_chat",
      handle: "queue",
      body: "Me again",
    });
    const [row] = await db.select().from(conversations).where(eq(conversations.id, ids.queue));
    expect(row?.status).toBe("open");
    const events = await db
      .select()
      .from(conversationEvents)
      .where(eq(conversationEvents.conversationId, ids.queue))
      .orderBy(asc(conversationEvents.createdAt));
    expect(events.map((e) => e.type)).toEqual(["created", "closed", "reopened"]);
    const thread = await db.select().from(messages).where(eq(messages.conversationId, ids.queue));
    expect(thread).toHaveLength(2);
  });

  it("keeps unread a customer message stamped before the member read but committed after", async () => {
    const db = await getDb();
    const { workspace, admin } = await makeWorkspace();
    const reader = await viewerFor(
      await resolveWorkspaceContext(db, {
        userId: admin.id,
        slug: workspace.slug,
        permission: "conversations.view",
      }),
    );
    const send = (now: Date) =>
      receiveInboundMessage(db, {
        workspaceId: workspace.id,
        channel: "api",
        handle: "late-committer",
        body: "Are you there?",
        now,
      });
    const { conversation } = await send(new Date(Date.now() - 60_000));
    const stampedBeforeTheRead = new Date(Date.now() - 1_000);
    await markConversationRead(db, reader, conversation.id);
    // It was stamped a second ago but waited on a lock, so it commits only now.
    await send(stampedBeforeTheRead);
    const page = await listConversations(db, reader, listQuerySchema.parse({ view: "all" }));
    expect(page.items.find((item) => item.id === conversation.id)?.unread).toBe(true);
  });

  it("tracks unread per member, and Mark as unread brings it back", async () => {
    const { db, agent, ids } = w;
    const unread = async () => (await idsOf(agent, { view: "all", unread: true })).has(ids.mine);
    expect(await unread()).toBe(true);
    await markConversationRead(db, agent, ids.mine);
    expect(await unread()).toBe(false);
    await markConversationUnread(db, agent, ids.mine);
    expect(await unread()).toBe(true);
    // Another member's reading does not count for this one.
    await markConversationRead(db, w.admin, ids.mine);
    expect(await unread()).toBe(true);
    // Each row says whether it is unread, with the filter or without it.
    const dots = async (raw: Record<string, unknown>) =>
      new Map(
        (await listConversations(db, agent, listQuerySchema.parse(raw))).items.map((i) => [
          i.id,
          i.unread,
        ]),
      );
    const filtered = await dots({ view: "all", unread: true });
    expect([...filtered.values()].every(Boolean)).toBe(true);
    await markConversationRead(db, agent, ids.queue);
    const all = await dots({ view: "all" });
    expect(all.get(ids.queue)).toBe(false);
    expect(all.get(ids.mine)).toBe(true);
    expect((await dots({ view: "all", unread: true })).has(ids.queue)).toBe(false);
  });
});

describe("every combination of view and filters", () => {
  /**
   * Random views and filters for every role, paged two rows at a time, against an oracle that
   * applies DESIGN.md's visibility and the filters in JavaScript to the rows as they stand.
   */
  it("lists exactly what the viewer may see and the filters ask for, each row once, in order", async () => {
    const rows = await w.db
      .select()
      .from(conversations)
      .where(eq(conversations.workspaceId, w.workspace.id));
    const reads = await w.db.select().from(conversationReads);
    const memberIds = [w.supportAgent.member.id, w.salesViewer.member?.id ?? ""];
    const viewers = [w.admin, w.manager, w.readOnly, w.agent, w.salesViewer];

    const expected = (viewer: Viewer, q: ListQuery) => {
      const me = viewer.member?.id ?? null;
      const read = (c: (typeof rows)[number]) =>
        reads.some(
          (r) => r.memberId === me && r.conversationId === c.id && r.lastReadAt >= c.lastMessageAt,
        );
      const visible = (c: (typeof rows)[number]) =>
        viewer.seesAll ||
        c.assigneeId === me ||
        (c.teamId !== null && viewer.teamIds.includes(c.teamId)) ||
        (c.teamId === null && c.assigneeId === null && viewer.workspace.agentsSeeUnassigned);
      const inView = (c: (typeof rows)[number]) => {
        switch (q.view) {
          case "mine":
            return me !== null && c.assigneeId === me;
          case "unassigned":
            return c.assigneeId === null;
          case "team":
            return q.teamId !== undefined && c.teamId === q.teamId;
          case "ai":
            return c.agentSessionId !== null;
          default:
            return true;
        }
      };
      const status = q.view === "closed" ? "closed" : (q.status ?? "open");
      return rows
        .filter(
          (c) =>
            visible(c) &&
            inView(c) &&
            c.status === status &&
            (q.assignee === undefined ||
              c.assigneeId === (q.assignee === "none" ? null : q.assignee)) &&
            (q.team === undefined || c.teamId === (q.team === "none" ? null : q.team)) &&
            (q.agent === undefined || (c.agentSessionId !== null) === (q.agent === "any")) &&
            (q.channel === undefined || c.channel === q.channel) &&
            (!q.unread || me === null || !read(c)),
        )
        .sort(
          (a, b) => b.lastMessageAt.getTime() - a.lastMessageAt.getTime() || (a.id < b.id ? 1 : -1),
        )
        .map((c) => c.id);
    };

    const teamIds = [w.support.id, w.sales.id];
    const query = fc.record(
      {
        view: fc.constantFrom("mine", "unassigned", "team", "all", "ai", "closed"),
        teamId: fc.constantFrom(...teamIds),
        assignee: fc.constantFrom("none", ...memberIds),
        team: fc.constantFrom("none", ...teamIds),
        status: fc.constantFrom("open", "closed"),
        agent: fc.constantFrom("any", "none"),
        channel: fc.constantFrom("web_chat", "api"),
        unread: fc.constant(true),
      },
      { requiredKeys: ["view"] },
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(viewers.length - 1), query, async (n, raw) => {
        const viewer = viewers[n] as Viewer;
        const q = listQuerySchema.parse({ ...raw, limit: 2 });
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await listConversations(w.db, viewer, { ...q, cursor });
          seen.push(...page.items.map((item) => item.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor && seen.length < 50);
        expect(seen).toEqual(expected(viewer, q));
      }),
      { numRuns: 150 },
    );
  });

  it("counts every view of every role as many conversations as its list shows", async () => {
    for (const viewer of [w.admin, w.manager, w.readOnly, w.agent, w.salesViewer]) {
      for (const entry of await countViews(w.db, viewer)) {
        const page = await listConversations(
          w.db,
          viewer,
          listQuerySchema.parse({ view: entry.view, teamId: entry.teamId, limit: 100 }),
        );
        expect({ view: entry.label, count: entry.count }).toEqual({
          view: entry.label,
          count: page.items.length,
        });
      }
    }
  });
});

describe("cursor pagination", () => {
  it("pages an Agent's several scope branches and a search one row at a time, in list order", async () => {
    const walk = async (viewer: Viewer, raw: Record<string, unknown>) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listConversations(
          w.db,
          viewer,
          listQuerySchema.parse({ ...raw, limit: 1, cursor }),
        );
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    const whole = async (viewer: Viewer, raw: Record<string, unknown>) =>
      (await listConversations(w.db, viewer, listQuerySchema.parse(raw))).items.map((i) => i.id);

    const agentAll = await whole(w.agent, { view: "all" });
    expect(new Set(agentAll)).toEqual(new Set([w.ids.mine, w.ids.supportOpen, w.ids.queue]));
    expect(await walk(w.agent, { view: "all" })).toEqual(agentAll);
    // "hello" is in every first message, "Contact" in every contact's name: both sides of the
    // search match each conversation, which is listed once.
    for (const q of ["hello", "Contact"]) {
      const found = await whole(w.admin, { view: "all", q });
      expect(found).toHaveLength(5);
      expect(await walk(w.admin, { view: "all", q })).toEqual(found);
      expect(new Set(await whole(w.agent, { view: "all", q }))).toEqual(new Set(agentAll));
    }
  });

  it("returns each conversation once while new messages arrive; moved ones come back with `since`", async () => {
    const db = await getDb();
    const { workspace, admin } = await makeWorkspace();
    const context = await resolveWorkspaceContext(db, {
      userId: admin.id,
      slug: workspace.slug,
      permission: "conversations.view",
    });
    const viewer = await viewerFor(context);
    const base = Date.now() - 3_600_000;
    const all: string[] = [];
    for (let i = 0; i < 45; i++) {
      const { conversation } = await receiveInboundMessage(db, {
        workspaceId: workspace.id,
        channel: "api",
        handle: `page-${i}`,
        body: `message ${i}`,
        // Some share a timestamp, so the id breaks ties.
        now: new Date(base + Math.floor(i / 3) * 1000),
      });
      all.push(conversation.id);
    }
    const startedAt = new Date();
    const seen: string[] = [];
    const moved = new Set<string>();
    let cursor: string | undefined;
    let page = 0;
    do {
      const result = await listConversations(
        db,
        viewer,
        listQuerySchema.parse({ view: "all", limit: 7, cursor }),
      );
      seen.push(...result.items.map((item) => item.id));
      cursor = result.nextCursor ?? undefined;
      // Between pages, a customer writes into a conversation not yet seen.
      const target = all.find((id) => !seen.includes(id) && !moved.has(id));
      if (target && page % 2 === 0) {
        const [row] = await db.select().from(conversations).where(eq(conversations.id, target));
        const handle = `page-${all.indexOf(target)}`;
        await receiveInboundMessage(db, {
          workspaceId: workspace.id,
          channel: "api",
          handle,
          body: "bump",
        });
        expect(row?.id).toBe(target);
        moved.add(target);
      }
      page++;
    } while (cursor);

    expect(new Set(seen).size).toBe(seen.length);
    for (const id of all) {
      if (!moved.has(id)) expect(seen.filter((s) => s === id)).toHaveLength(1);
    }
    const since = await listConversations(
      db,
      viewer,
      listQuerySchema.parse({ view: "all", limit: 100 }),
    );
    const movedBack = since.items
      .filter((item) => new Date(item.lastMessageAt) >= startedAt)
      .map((item) => item.id);
    expect(new Set(movedBack)).toEqual(moved);
    expect(new Set([...seen, ...movedBack])).toEqual(new Set(all));
    expect(moved.size).toBeGreaterThan(0);
  });
});

it("keeps members of other workspaces out of the member list of a conversation's author", async () => {
  const rows = await w.db.select().from(members).where(eq(members.workspaceId, w.workspace.id));
  expect(rows.length).toBe(5);
});
