import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  type Channel,
  type Conversation,
  conversationEvents,
  conversations,
  members,
  type Workspace,
} from "@/db/schema";
import { endSessionLocked } from "./agent-sessions";
import { assignableMember } from "./assignable-member";
import { drainQueue } from "./drain-queue";
import { routable, routeConversation } from "./route-conversation";
import { lockRouting } from "./routing-lock";
import { findPool } from "./routing-pool";
import { type Candidate, isEligible } from "./routing-rules";
import { writeOwnership } from "./write-ownership";

/**
 * A new conversation: created with its starting team (the widget's, an API caller's). When
 * that team's mode (or the workspace's) routes, it joins the queue, and the caller routes it
 * once this transaction has committed (`routeAfterCommit`, which shares one drain among
 * concurrent arrivals); so an arrival never waits for the routing lock while holding rows.
 * Runs in the caller's transaction.
 */
export async function startConversation(
  tx: Database,
  {
    workspace,
    contactId,
    channel,
    subject,
    teamId,
    now,
  }: {
    workspace: Workspace;
    contactId: string;
    channel: Channel;
    subject: string | null;
    teamId: string | null;
    now: Date;
  },
): Promise<{ conversation: Conversation; queued: boolean }> {
  const pool = await findPool(tx, workspace, teamId);
  const [created] = await tx
    .insert(conversations)
    .values({
      workspaceId: workspace.id,
      contactId,
      channel,
      subject,
      teamId,
      lastMessageAt: now,
      createdAt: now,
      queuedAt: pool.strategy ? now : null,
    })
    .returning();
  if (!created) throw new Error("conversation insert returned nothing");
  await tx.insert(conversationEvents).values({
    workspaceId: workspace.id,
    conversationId: created.id,
    type: "created",
    data: { channel, ...(teamId ? { teamId } : {}) },
    createdAt: now,
  });
  return { conversation: created, queued: created.queuedAt !== null };
}

/**
 * A customer writes on a closed conversation: it reopens and goes back to its previous
 * assignee if they are still a member, online, accepting chats and under capacity (sticky);
 * otherwise the assignee is released and, when its pool routes, it joins the queue to be
 * routed after commit like an arrival (`routeAfterCommit`).
 */
export async function reopenForCustomer(
  tx: Database,
  { workspace, conversation, now }: { workspace: Workspace; conversation: Conversation; now: Date },
): Promise<{ conversation: Conversation; queued: boolean; sticky: boolean }> {
  const previous = conversation.assigneeId;
  // The sticky check reads the previous assignee's load: under the routing lock.
  if (previous !== null) await lockRouting(tx, workspace.id);
  const sticky = previous !== null && (await stillEligible(tx, previous));
  const released = previous !== null && !sticky;
  const open = { ...conversation, status: "open" as const, assigneeId: sticky ? previous : null };
  const queue = !sticky && routable(open) && (await findPool(tx, workspace, open.teamId)).strategy;
  const reopened = await writeOwnership(tx, {
    conversation,
    patch: {
      status: "open",
      closedAt: null,
      ...(released ? { assigneeId: null } : {}),
      ...(queue ? { queuedAt: now } : {}),
    },
    events: [
      {
        type: "reopened",
        actorMemberId: null,
        data: {
          reason: "customer_message",
          ...(previous ? (sticky ? { sticky: previous } : { released: previous }) : {}),
        },
      },
    ],
    now,
  });
  return { conversation: reopened, queued: reopened.queuedAt !== null, sticky };
}

async function stillEligible(tx: Database, memberId: string): Promise<boolean> {
  const [row] = await tx
    .select({
      memberId: members.id,
      role: members.role,
      status: members.status,
      acceptsChats: members.acceptsChats,
      capacity: members.capacity,
      openConversations: members.openConversations,
      lastAssignedAt: members.lastAssignedAt,
    })
    .from(members)
    .where(and(eq(members.id, memberId), isNull(members.removedAt)));
  if (!row) return false;
  const candidate: Candidate = { ...row, name: "" };
  return isEligible(candidate);
}

/**
 * Closes a conversation: the customer's wait ends, it leaves the routing queue, and with the
 * workspace's reset-on-close setting the assignee is cleared so the next message is routed
 * afresh. The assignee's freed capacity may let a waiting conversation through.
 */
export async function closeConversation(
  tx: Database,
  {
    workspace,
    conversation,
    actorMemberId,
    now,
  }: { workspace: Workspace; conversation: Conversation; actorMemberId: string | null; now: Date },
): Promise<Conversation> {
  if (conversation.status === "closed") return conversation;
  // An AI agent handling it stops (reason `closed`) before the conversation closes.
  if (conversation.agentSessionId) {
    ({ conversation } = await endSessionLocked(tx, {
      workspace,
      conversation,
      reason: "closed",
      detail: null,
      actorMemberId,
      now,
    }));
  }
  const reset = workspace.resetAssigneeOnClose && conversation.assigneeId !== null;
  if (conversation.assigneeId) await lockRouting(tx, workspace.id);
  const closed = await writeOwnership(tx, {
    conversation,
    patch: {
      status: "closed",
      closedAt: now,
      waitingSince: null,
      queuedAt: null,
      ...(reset ? { assigneeId: null } : {}),
    },
    events: [
      {
        type: "closed",
        actorMemberId,
        // Who owned it at the close, which reports count the close for (`unassigned` on a reset).
        data: reset
          ? { unassigned: conversation.assigneeId, reason: "reset_on_close" }
          : { assigneeId: conversation.assigneeId },
      },
    ],
    now,
  });
  if (conversation.assigneeId) await drainQueue(tx, { workspace, now });
  return closed;
}

/** A member reopens a conversation: the assignee stays; an unowned one is routed. */
export async function reopenByMember(
  tx: Database,
  {
    workspace,
    conversation,
    actorMemberId,
    now,
  }: { workspace: Workspace; conversation: Conversation; actorMemberId: string | null; now: Date },
): Promise<Conversation> {
  if (conversation.status === "open") return conversation;
  if (conversation.assigneeId) await lockRouting(tx, workspace.id);
  const reopened = await writeOwnership(tx, {
    conversation,
    patch: { status: "open", closedAt: null },
    events: [{ type: "reopened", actorMemberId, data: {} }],
    now,
  });
  if (reopened.assigneeId) return reopened;
  const routed = await routeConversation(tx, {
    workspace,
    conversation: reopened,
    trigger: "reopened",
    actorMemberId,
    now,
  });
  return routed.conversation;
}

/**
 * Self-assign on first reply (workspace setting, default on): the member who sends the first
 * reply of an unassigned conversation becomes its assignee, in the reply's transaction.
 * `firstReply` is whether no reply was sent before this one.
 */
export async function selfAssignOnReply(
  tx: Database,
  {
    workspace,
    conversation,
    memberId,
    firstReply,
    now,
  }: {
    workspace: Workspace;
    conversation: Conversation;
    memberId: string;
    firstReply: boolean;
    now: Date;
  },
): Promise<Conversation> {
  if (
    !workspace.selfAssignOnFirstReply ||
    !firstReply ||
    conversation.assigneeId !== null ||
    conversation.kind !== "direct" ||
    conversation.assignmentDisabled ||
    conversation.agentSessionId !== null
  ) {
    return conversation;
  }
  await lockRouting(tx, workspace.id);
  // Under the lock: a member whose removal committed meanwhile is refused, reply and all.
  const replier = await assignableMember(tx, workspace.id, memberId);
  return writeOwnership(tx, {
    conversation,
    patch: { assigneeId: memberId, queuedAt: null },
    events: [
      {
        type: "assigned",
        actorMemberId: memberId,
        data: {
          from: null,
          to: memberId,
          toName: replier.name,
          via: "self_assign",
        },
      },
    ],
    now,
  });
}
