import { and, eq, inArray, sql } from "drizzle-orm";
import { contactIdentities, conversations, messages } from "@/db/schema";
import {
  assignMember,
  assignTeam,
  unassignConversation,
} from "@/lib/assignment/assign-conversation";
import { setMemberAvailability } from "@/lib/assignment/set-member-availability";
import { postVisitorMessage } from "@/lib/channels/widget/post-visitor-message";
import { getWidgetSettings } from "@/lib/channels/widget/widget-settings";
import { markConversationRead } from "@/lib/conversations/read-state";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { sendMessage } from "@/lib/conversations/send-message";
import { setConversationStatus } from "@/lib/conversations/set-status";
import { scopeCondition } from "@/lib/conversations/viewer";
import { announcePresence } from "@/lib/realtime/announce-presence";
import { emit } from "@/lib/realtime/emit";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { updateRoutingSettings } from "@/lib/workspaces/update-routing-settings";
import {
  type PersonName,
  personNames,
  type RealtimeWorld,
  viewerOf,
  workspaceOf,
} from "./realtime-world";

/**
 * The leak test: a sequence of real changes through the app's own functions, run on several
 * workspaces at once; after each change every client (a member's, a web chat visitor's) is
 * read up to a barrier event, and what it got is compared with what that person may see —
 * computed independently of lib/realtime/audience.ts, with lib/conversations/viewer.ts's
 * `scopeCondition` (the WHERE clause of every inbox query) before and after the change.
 *
 * Rules checked for every member and every change:
 * - no event about a conversation they could see neither before nor after it (no leak);
 * - at least one `conversation.changed` about every conversation whose state, messages or
 *   ownership changed and that they could see before or after (nothing missed);
 * - a `read` change only to the member who read; a notification only to the conversation's
 *   assignee; presence only about conversations they see; nothing of another workspace.
 * A visitor gets exactly the team's new replies in their own conversation (never a note,
 * never another visitor's), and "typing" only for their own conversation.
 */

export const visitorNames = ["one", "two"] as const;
export type VisitorName = (typeof visitorNames)[number];

/** Everything one client has received so far, in arrival order. */
export type EventLog = () => RealtimeEvent[];

export interface LeakClients {
  members: Record<PersonName, EventLog>;
  visitors: Record<VisitorName, EventLog>;
}

export interface LeakWorld {
  world: RealtimeWorld;
  visitors: Record<VisitorName, { visitorId: string; token: string }>;
  /** Client sets by driver name, each watched independently. */
  clients: Record<string, LeakClients>;
}

interface Conversations {
  [key: string]: string;
}

interface Step {
  name: string;
  run(world: LeakWorld, convs: Conversations): Promise<void>;
  /** A read-state change: only this member hears of it. */
  reader?: PersonName;
  /** Presence about this conversation (no state change). */
  presenceOn?: string;
  /** A workspace setting that decides what Agents see: every member re-reads their access. */
  accessChanged?: boolean;
}

const handleOf = (key: string) => `customer-${key}`;

async function customerWrites(
  { world }: LeakWorld,
  convs: Conversations,
  key: string,
  teamId: string | null = null,
) {
  const { conversation } = await receiveInboundMessage(world.db, {
    workspaceId: world.workspaceId,
    channel: "api",
    handle: `${handleOf(key)}-${world.workspaceId}`,
    contact: { name: `Customer ${key}` },
    body: `Hello from ${key}`,
    teamId,
  });
  convs[key] = conversation.id;
}

const idOf = (convs: Conversations, key: string) => {
  const id = convs[key];
  if (!id) throw new Error(`conversation ${key} has not arrived`);
  return id;
};

export const leakSteps: Step[] = [
  { name: "A arrives without a team", run: (w, c) => customerWrites(w, c, "A") },
  { name: "B arrives on Sales", run: (w, c) => customerWrites(w, c, "B", w.world.teams.sales) },
  { name: "C arrives on Support", run: (w, c) => customerWrites(w, c, "C", w.world.teams.support) },
  {
    name: "visitor one writes from the widget",
    async run({ world, visitors }, convs) {
      await postVisitorMessage(world.db, {
        workspace: await workspaceOf(world),
        settings: await getWidgetSettings(world.db, world.workspaceId),
        visitorId: visitors.one.visitorId,
        ip: "203.0.113.7",
        input: { body: "Is anyone there?" },
      });
      convs.W = await conversationOfVisitor(world, visitors.one.visitorId);
    },
  },
  {
    name: "visitor two writes (their chat starts on Sales)",
    async run({ world, visitors }, convs) {
      const { conversation } = await receiveInboundMessage(world.db, {
        workspaceId: world.workspaceId,
        channel: "web_chat",
        handle: visitors.two.visitorId,
        body: "Pricing question",
        teamId: world.teams.sales,
      });
      convs.V = conversation.id;
    },
  },
  {
    name: "Admin assigns A to the Support agent",
    run: async ({ world }, c) => {
      await assignMember(world.db, {
        viewer: await viewerOf(world, "admin"),
        conversationId: idOf(c, "A"),
        memberId: world.people.support.member.id,
      });
    },
  },
  {
    name: "Manager moves B from Sales to Support",
    run: async ({ world }, c) => {
      await assignTeam(world.db, {
        viewer: await viewerOf(world, "manager"),
        conversationId: idOf(c, "B"),
        teamId: world.teams.support,
      });
    },
  },
  {
    name: "Support agent replies on A",
    run: async ({ world }, c) => {
      await sendMessage(world.db, {
        viewer: await viewerOf(world, "support"),
        conversationId: idOf(c, "A"),
        body: "On it",
        note: false,
      });
    },
  },
  {
    name: "Support agent writes a note on C",
    run: async ({ world }, c) => {
      await sendMessage(world.db, {
        viewer: await viewerOf(world, "support"),
        conversationId: idOf(c, "C"),
        body: "Internal: check the invoice",
        note: true,
      });
    },
  },
  {
    name: "Admin replies to visitor one (first reply: Admin becomes assignee)",
    run: async ({ world }, c) => {
      await sendMessage(world.db, {
        viewer: await viewerOf(world, "admin"),
        conversationId: idOf(c, "W"),
        body: "Hi, how can I help?",
        note: false,
      });
    },
  },
  {
    name: "Admin writes a note on visitor one's chat",
    run: async ({ world }, c) => {
      await sendMessage(world.db, {
        viewer: await viewerOf(world, "admin"),
        conversationId: idOf(c, "W"),
        body: "Internal: VIP",
        note: true,
      });
    },
  },
  {
    name: "Sales agent replies to visitor two",
    run: async ({ world }, c) => {
      await sendMessage(world.db, {
        viewer: await viewerOf(world, "sales"),
        conversationId: idOf(c, "V"),
        body: "Our plans start at 10",
        note: false,
      });
    },
  },
  {
    name: "Manager unassigns A",
    run: async ({ world }, c) => {
      await unassignConversation(world.db, {
        viewer: await viewerOf(world, "manager"),
        conversationId: idOf(c, "A"),
        what: "member",
      });
    },
  },
  {
    name: "Admin assigns A to the teamless agent",
    run: async ({ world }, c) => {
      await assignMember(world.db, {
        viewer: await viewerOf(world, "admin"),
        conversationId: idOf(c, "A"),
        memberId: world.people.free.member.id,
      });
    },
  },
  {
    name: "Teamless agent reads A",
    reader: "free",
    run: async ({ world }, c) => {
      await markConversationRead(world.db, await viewerOf(world, "free"), idOf(c, "A"));
    },
  },
  { name: "B's customer writes again", run: (w, c) => customerWrites(w, c, "B") },
  {
    name: "Admin types in visitor one's chat",
    presenceOn: "W",
    run: async ({ world }, c) => {
      await announcePresence(world.db, {
        viewer: await viewerOf(world, "admin"),
        memberName: "Admin Person",
        conversationId: idOf(c, "W"),
        viewing: true,
        typing: true,
      });
    },
  },
  {
    name: "Support agent views C",
    presenceOn: "C",
    run: async ({ world }, c) => {
      await announcePresence(world.db, {
        viewer: await viewerOf(world, "support"),
        memberName: "Support Person",
        conversationId: idOf(c, "C"),
        viewing: true,
        typing: false,
      });
    },
  },
  {
    name: "Manager closes C",
    run: async ({ world }, c) => {
      await setConversationStatus(world.db, {
        viewer: await viewerOf(world, "manager"),
        conversationId: idOf(c, "C"),
        status: "closed",
      });
    },
  },
  { name: "C's customer writes again (reopens it)", run: (w, c) => customerWrites(w, c, "C") },
  {
    name: "Admin gives A the Sales team (the teamless agent keeps it)",
    run: async ({ world }, c) => {
      await assignTeam(world.db, {
        viewer: await viewerOf(world, "admin"),
        conversationId: idOf(c, "A"),
        teamId: world.teams.sales,
      });
    },
  },
  {
    name: "Admin flips whether Agents see the unassigned queue",
    accessChanged: true,
    run: async ({ world }) => {
      const workspace = await workspaceOf(world);
      await updateRoutingSettings(world.db, {
        workspaceId: world.workspaceId,
        actorMemberId: world.people.admin.member.id,
        input: { agentsSeeUnassigned: !workspace.agentsSeeUnassigned },
      });
    },
  },
  { name: "F arrives without a team", run: (w, c) => customerWrites(w, c, "F") },
  {
    name: "Admin turns balanced routing on (nobody is online: the queue waits)",
    run: async ({ world }) => {
      await updateRoutingSettings(world.db, {
        workspaceId: world.workspaceId,
        actorMemberId: world.people.admin.member.id,
        input: { routingMode: "balanced" },
      });
    },
  },
  {
    name: "Sales agent comes online (the waiting conversations are routed)",
    run: async ({ world }) => {
      await setMemberAvailability(world.db, {
        workspace: await workspaceOf(world),
        memberId: world.people.sales.member.id,
        actorMemberId: world.people.sales.member.id,
        change: { status: "online" },
      });
    },
  },
];

async function conversationOfVisitor(world: RealtimeWorld, visitorId: string): Promise<string> {
  const [row] = await world.db
    .select({ id: conversations.id })
    .from(conversations)
    .innerJoin(
      contactIdentities,
      and(
        eq(contactIdentities.contactId, conversations.contactId),
        eq(contactIdentities.channel, "web_chat"),
      ),
    )
    .where(
      and(
        eq(conversations.workspaceId, world.workspaceId),
        eq(contactIdentities.handle, visitorId),
      ),
    );
  if (!row) throw new Error("the visitor has no conversation");
  return row.id;
}

// ---- The independent expectation --------------------------------------------------------------

interface Snapshot {
  /** Conversation ids each member may see, by viewer.ts's scope. */
  visible: Record<PersonName, Set<string>>;
  /** Each conversation's state, messages included, as a comparable string. */
  states: Map<string, string>;
  assignees: Map<string, string | null>;
  /** Each visitor's conversation's team replies (outbound message ids). */
  replies: Record<VisitorName, Set<string>>;
  visitorConversations: Record<VisitorName, string | null>;
}

async function snapshot(leak: LeakWorld): Promise<Snapshot> {
  const { world } = leak;
  const visible = {} as Record<PersonName, Set<string>>;
  for (const name of personNames) {
    const viewer = await viewerOf(world, name);
    const rows = await world.db
      .select({ id: conversations.id })
      .from(conversations)
      .where(scopeCondition(viewer));
    visible[name] = new Set(rows.map((row) => row.id));
  }
  const rows = await world.db
    .select({
      id: conversations.id,
      assigneeId: conversations.assigneeId,
      teamId: conversations.teamId,
      status: conversations.status,
      lastMessageAt: conversations.lastMessageAt,
      messageCount: sql<number>`(select count(*)::int from ${messages} where ${messages.conversationId} = ${conversations.id})`,
    })
    .from(conversations)
    .where(eq(conversations.workspaceId, world.workspaceId));
  const states = new Map(
    rows.map((row) => [
      row.id,
      JSON.stringify([
        row.assigneeId,
        row.teamId,
        row.status,
        row.lastMessageAt.toISOString(),
        row.messageCount,
      ]),
    ]),
  );
  const assignees = new Map(rows.map((row) => [row.id, row.assigneeId]));
  const replies = {} as Record<VisitorName, Set<string>>;
  const visitorConversations = {} as Record<VisitorName, string | null>;
  for (const name of visitorNames) {
    const conversationId = await conversationOfVisitor(world, leak.visitors[name].visitorId).catch(
      () => null,
    );
    visitorConversations[name] = conversationId;
    const outbound = conversationId
      ? await world.db
          .select({ id: messages.id })
          .from(messages)
          .where(
            and(eq(messages.conversationId, conversationId), inArray(messages.kind, ["outbound"])),
          )
      : [];
    replies[name] = new Set(outbound.map((row) => row.id));
  }
  return { visible, states, assignees, replies, visitorConversations };
}

const BARRIER = "barrier";

async function barrier(leak: LeakWorld, index: number): Promise<void> {
  const { world } = leak;
  await emit(world.db, {
    workspaceId: world.workspaceId,
    audience: {
      kind: "members",
      memberIds: personNames.map((name) => world.people[name].member.id),
    },
    event: {
      type: "presence",
      conversationId: `${BARRIER}-${index}`,
      memberId: BARRIER,
      name: BARRIER,
      viewing: false,
      typing: false,
    },
  });
  for (const name of visitorNames) {
    await emit(world.db, {
      workspaceId: world.workspaceId,
      audience: {
        kind: "visitor",
        publicId: world.publicId,
        visitorId: leak.visitors[name].visitorId,
      },
      event: {
        type: "widget.typing",
        conversationId: `${BARRIER}-${index}`,
        name: BARRIER,
        typing: false,
      },
    });
  }
}

const isBarrier = (event: RealtimeEvent, index: number) =>
  (event.type === "presence" && event.conversationId === `${BARRIER}-${index}`) ||
  (event.type === "widget.typing" && event.conversationId === `${BARRIER}-${index}`);

const isAnyBarrier = (event: RealtimeEvent) =>
  (event.type === "presence" && event.memberId === BARRIER) ||
  (event.type === "widget.typing" && event.name === BARRIER);

/** The events a client received between barrier `index - 1` and barrier `index`. */
function windowOf(log: EventLog, index: number): RealtimeEvent[] | null {
  const events = log();
  const end = events.findIndex((event) => isBarrier(event, index));
  if (end === -1) return null;
  const start = index === 0 ? -1 : events.findIndex((event) => isBarrier(event, index - 1));
  return events.slice(start + 1, end).filter((event) => !isAnyBarrier(event));
}

async function untilBarrier(leaks: LeakWorld[], index: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const missing = leaks.flatMap((leak) =>
      Object.entries(leak.clients).flatMap(([driver, clients]) => [
        ...personNames
          .filter((name) => windowOf(clients.members[name], index) === null)
          .map((name) => `${driver}:${name}`),
        ...visitorNames
          .filter((name) => windowOf(clients.visitors[name], index) === null)
          .map((name) => `${driver}:visitor ${name}`),
      ]),
    );
    if (missing.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`barrier ${index} never reached ${missing.join(", ")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface LeakReport {
  violations: string[];
  /** Events checked per driver (barriers excluded). */
  checked: Record<string, number>;
}

const describeEvent = (event: RealtimeEvent) => JSON.stringify(event);

function checkMember({
  step,
  name,
  received,
  before,
  after,
  convKeys,
}: {
  step: Step;
  name: PersonName;
  received: RealtimeEvent[];
  before: Snapshot;
  after: Snapshot;
  convKeys: Map<string, string>;
}): string[] {
  const problems: string[] = [];
  const allowed = new Set([...before.visible[name], ...after.visible[name]]);
  const label = (id: string) => convKeys.get(id) ?? id;
  for (const event of received) {
    switch (event.type) {
      case "conversation.changed":
        if (!allowed.has(event.conversationId)) {
          problems.push(
            `got ${event.change} of ${label(event.conversationId)}, which it may not see`,
          );
        } else if (event.change === "read" && step.reader !== name) {
          problems.push(`got another member's read of ${label(event.conversationId)}`);
        }
        break;
      case "presence":
        if (!allowed.has(event.conversationId)) {
          problems.push(`got presence in ${label(event.conversationId)}, which it may not see`);
        }
        break;
      case "notification.created":
        // Notifications are about conversations the member may see now.
        if (!event.conversationId || !after.visible[name].has(event.conversationId)) {
          problems.push(`got a notification about ${label(event.conversationId ?? "nothing")}`);
        }
        break;
      case "access.changed":
        if (!step.accessChanged) problems.push("got access.changed");
        break;
      default:
        problems.push(`got ${describeEvent(event)}`);
    }
  }
  // Nothing missed: every changed conversation it could see, before or after.
  for (const [id, state] of after.states) {
    const changed = before.states.get(id) !== state;
    if (!changed || !allowed.has(id)) continue;
    const heard = received.some(
      (event) => event.type === "conversation.changed" && event.conversationId === id,
    );
    if (!heard) problems.push(`missed the change of ${label(id)}`);
  }
  if (step.accessChanged && !received.some((event) => event.type === "access.changed")) {
    problems.push("missed access.changed");
  }
  if (step.reader === name) {
    const heard = received.some(
      (event) => event.type === "conversation.changed" && event.change === "read",
    );
    if (!heard) problems.push("missed its own read");
  }
  if (step.presenceOn) {
    const id = convKeys.get(step.presenceOn);
    const conversationId = [...convKeys].find(([, key]) => key === step.presenceOn)?.[0];
    if (conversationId && allowed.has(conversationId)) {
      const heard = received.some(
        (event) => event.type === "presence" && event.conversationId === conversationId,
      );
      if (!heard) problems.push(`missed presence in ${id ?? step.presenceOn}`);
    }
  }
  return problems;
}

function checkVisitor({
  step,
  name,
  received,
  before,
  after,
  convs,
}: {
  step: Step;
  name: VisitorName;
  received: RealtimeEvent[];
  before: Snapshot;
  after: Snapshot;
  convs: Conversations;
}): string[] {
  const problems: string[] = [];
  const own = after.visitorConversations[name];
  const newReplies = [...after.replies[name]].filter((id) => !before.replies[name].has(id));
  const got: string[] = [];
  for (const event of received) {
    if (event.type === "widget.message" && event.conversationId === own) {
      got.push(event.message.id);
    } else if (
      event.type === "widget.typing" &&
      event.conversationId === own &&
      step.presenceOn !== undefined &&
      convs[step.presenceOn] === own
    ) {
      // "… is typing" in their own chat.
    } else {
      problems.push(`got ${describeEvent(event)}`);
    }
  }
  if (JSON.stringify(got.sort()) !== JSON.stringify(newReplies.sort())) {
    problems.push(`got replies ${JSON.stringify(got)}, expected ${JSON.stringify(newReplies)}`);
  }
  return problems;
}

/** Runs every step on every workspace, checking every client after each; returns what went wrong. */
export async function runLeakScenario(leaks: LeakWorld[]): Promise<LeakReport> {
  const violations: string[] = [];
  const checked: Record<string, number> = {};
  const convsOf = leaks.map(() => ({}) as Conversations);
  for (const leak of leaks) await barrier(leak, 0);
  await untilBarrier(leaks, 0);
  for (const [index, step] of leakSteps.entries()) {
    const befores: Snapshot[] = [];
    for (const [i, leak] of leaks.entries()) {
      befores.push(await snapshot(leak));
      await step.run(leak, convsOf[i] ?? {});
    }
    const afters: Snapshot[] = [];
    for (const leak of leaks) {
      afters.push(await snapshot(leak));
      await barrier(leak, index + 1);
    }
    await untilBarrier(leaks, index + 1);
    for (const [i, leak] of leaks.entries()) {
      const before = befores[i];
      const after = afters[i];
      const convs = convsOf[i] ?? {};
      if (!before || !after) continue;
      const convKeys = new Map(Object.entries(convs).map(([key, id]) => [id, key]));
      for (const [driver, clients] of Object.entries(leak.clients)) {
        const where = `[${driver}] workspace ${i + 1}, step ${index + 1} "${step.name}"`;
        for (const name of personNames) {
          const received = windowOf(clients.members[name], index + 1) ?? [];
          checked[driver] = (checked[driver] ?? 0) + received.length;
          for (const problem of checkMember({ step, name, received, before, after, convKeys })) {
            violations.push(`${where}: ${name} ${problem}`);
          }
        }
        for (const name of visitorNames) {
          const received = windowOf(clients.visitors[name], index + 1) ?? [];
          checked[driver] = (checked[driver] ?? 0) + received.length;
          for (const problem of checkVisitor({ step, name, received, before, after, convs })) {
            violations.push(`${where}: visitor ${name} ${problem}`);
          }
        }
      }
    }
  }
  return { violations, checked };
}
