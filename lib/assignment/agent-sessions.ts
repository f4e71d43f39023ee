import "server-only";
import { and, asc, eq, getTableColumns, inArray, isNull, lte } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  type AgentSession,
  type AgentSessionEndReason,
  agentSessions,
  aiAgents,
  type Conversation,
  conversations,
  teams,
  type Workspace,
} from "@/db/schema";
import { writeAgentMessage } from "@/lib/agents/agent-message";
import { lockAgent } from "@/lib/agents/lock-agent";
import type { Viewer } from "@/lib/conversations/viewer";
import { AppError } from "@/lib/errors";
import { findWorkspaceById } from "@/lib/workspaces/queries";
import { type AssignmentResult, lockVisible, requireRights } from "./assign-conversation";
import { notifyAssignee } from "./notify-assignee";
import { type RouteOutcome, routeConversation } from "./route-conversation";
import { lockRoutingModes } from "./routing-lock";
import { writeOwnership } from "./write-ownership";

/**
 * AI agents as assignees (DESIGN.md rule 10): a session starts when an agent is assigned and
 * ends when a member ends it, unassigns the agent, closes the conversation, when it expires,
 * or when the agent hands off. Sessions are ownership, so they change only here, each with its
 * conversation event, under the conversation's row lock.
 */

export interface AgentSessionResult extends AssignmentResult {
  session: AgentSession | null;
}

/**
 * Sessions that end without anyone choosing a person: the agent handed off or failed, its time
 * ran out, or it was deleted. The conversation goes to the agent's handoff team, and a member
 * already assigned is told it is back with them.
 */
const endsOnItsOwn: ReadonlySet<AgentSessionEndReason> = new Set([
  "handoff",
  "error",
  "expired",
  "agent_deleted",
]);

async function activeSession(tx: Database, conversation: Conversation) {
  if (!conversation.agentSessionId) return null;
  const [row] = await tx
    .select({ session: agentSessions, agent: aiAgents })
    .from(agentSessions)
    .innerJoin(aiAgents, eq(aiAgents.id, agentSessions.agentId))
    .where(and(eq(agentSessions.id, conversation.agentSessionId), isNull(agentSessions.endedAt)));
  return row ?? null;
}

/**
 * Starts an agent session on a conversation. With `sendInitialMessage` (preset from the
 * agent's default) the agent greets the customer at once with its initial message; otherwise
 * it waits for the customer to write. Admins and Managers may assign any conversation; an
 * Agent may hand only their own to an AI agent.
 */
export async function assignAgent(
  db: Database,
  {
    viewer,
    conversationId,
    agentId,
    sendInitialMessage,
    now = new Date(),
  }: {
    viewer: Viewer;
    conversationId: string;
    agentId: string;
    sendInitialMessage?: boolean;
    now?: Date;
  },
): Promise<AgentSessionResult> {
  const rights = requireRights(viewer);
  const actorId = viewer.member?.id ?? null;
  return db.transaction(async (tx) => {
    // Share-locked before the conversation (the order a delete keeps): a delete waits for this
    // assignment, or this assignment for the delete and then finds the agent gone.
    const agent = await lockAgent(tx, {
      workspaceId: viewer.workspace.id,
      agentId,
      strength: "share",
    });
    const conversation = await lockVisible(tx, viewer, conversationId);
    if (rights === "own" && conversation.assigneeId !== actorId) {
      throw new AppError(
        "forbidden",
        "Agents can hand only their own conversations to an AI agent; ask a Manager.",
      );
    }
    if (conversation.kind === "group") {
      throw new AppError("validation", "Group conversations cannot be handled by an AI agent.");
    }
    if (conversation.assignmentDisabled) {
      throw new AppError(
        "conflict",
        "Assignment is turned off for this conversation. Turn it on in the details first.",
      );
    }
    if (conversation.status === "closed") {
      throw new AppError("conflict", "Reopen the conversation before assigning an AI agent.");
    }
    const current = await activeSession(tx, conversation);
    if (current) {
      if (current.agent.id === agent.id) {
        return { conversation, changed: false, routed: null, session: current.session };
      }
      throw new AppError(
        "conflict",
        `${current.agent.name} is already handling this conversation. End its session first.`,
        undefined,
        { agent: { id: current.agent.id, name: current.agent.name } },
      );
    }
    const greet = (sendInitialMessage ?? agent.sendInitialMessage) && agent.initialMessage.trim();
    const [session] = await tx
      .insert(agentSessions)
      .values({
        workspaceId: viewer.workspace.id,
        conversationId: conversation.id,
        agentId: agent.id,
        startedByMemberId: actorId,
        sendInitialMessage: Boolean(greet),
        startedAt: now,
        expiresAt: new Date(now.getTime() + agent.maxSessionMinutes * 60_000),
      })
      .returning();
    if (!session) throw new Error("agent session insert returned nothing");
    const updated = await writeOwnership(tx, {
      conversation,
      patch: { agentSessionId: session.id, queuedAt: null },
      events: [
        {
          type: "agent_session_started",
          actorMemberId: actorId,
          data: {
            sessionId: session.id,
            agentId: agent.id,
            agentName: agent.name,
            sendInitialMessage: Boolean(greet),
          },
        },
      ],
      now,
    });
    if (greet) {
      await writeAgentMessage(tx, {
        workspace: viewer.workspace,
        conversation: updated,
        agent,
        body: agent.initialMessage.trim(),
        now,
      });
    }
    return { conversation: updated, changed: true, routed: null, session };
  });
}

/**
 * A member ends the active session: the banner's X (`ended_by_member`) or "Unassign agent"
 * (`unassigned`). The agent stops answering; the conversation stays with its member and team,
 * and one nobody owns is routed by its pool's mode (or waits in Unassigned).
 * An Agent may end it on their own conversation or on an unassigned one.
 */
export async function endAgentSession(
  db: Database,
  {
    viewer,
    conversationId,
    reason,
    now = new Date(),
  }: {
    viewer: Viewer;
    conversationId: string;
    reason: "ended_by_member" | "unassigned";
    now?: Date;
  },
): Promise<AgentSessionResult> {
  const rights = requireRights(viewer);
  const actorId = viewer.member?.id ?? null;
  return db.transaction(async (tx) => {
    // It may route: the mode is read under the modes lock, taken first, as arrivals do
    // (routing-lock.ts), so a mode switch committing meanwhile cannot be missed.
    await lockRoutingModes(tx, viewer.workspace.id, "read");
    const workspace = await findWorkspaceById(tx, viewer.workspace.id);
    const conversation = await lockVisible(tx, viewer, conversationId);
    if (
      rights === "own" &&
      conversation.assigneeId !== null &&
      conversation.assigneeId !== actorId
    ) {
      throw new AppError(
        "forbidden",
        "Agents can end the AI agent's session only on their own or unassigned conversations.",
      );
    }
    const current = await activeSession(tx, conversation);
    if (!current) return { conversation, changed: false, routed: null, session: null };
    const ended = await endSessionLocked(tx, {
      workspace,
      conversation,
      reason,
      detail: null,
      actorMemberId: actorId,
      now,
    });
    return { ...ended, changed: true, session: ended.session };
  });
}

/**
 * Ends the conversation's active session inside the caller's transaction, which holds the
 * conversation row. Unless the conversation closed, it then needs a person: it keeps a member
 * assignee if it has one; otherwise it is routed by its team's mode (or the workspace's) — or
 * waits in Unassigned. When the session ended on its own (handoff, error, expiry, a deleted
 * agent), an unowned conversation first gets the agent's handoff team, and an assignee is told.
 */
export async function endSessionLocked(
  tx: Database,
  {
    workspace,
    conversation,
    reason,
    detail,
    actorMemberId,
    now,
  }: {
    workspace: Workspace;
    conversation: Conversation;
    reason: AgentSessionEndReason;
    detail: string | null;
    actorMemberId: string | null;
    now: Date;
  },
): Promise<{
  conversation: Conversation;
  routed: RouteOutcome | null;
  session: AgentSession | null;
}> {
  const current = await activeSession(tx, conversation);
  if (!current) return { conversation, routed: null, session: null };
  const { agent } = current;
  const [session] = await tx
    .update(agentSessions)
    .set({ endedAt: now, endReason: reason, endDetail: detail, endedByMemberId: actorMemberId })
    .where(eq(agentSessions.id, current.session.id))
    .returning();
  const handoff = endsOnItsOwn.has(reason);
  const team =
    handoff && agent.handoffTeamId && conversation.assigneeId === null
      ? await tx
          .select({ id: teams.id, name: teams.name })
          .from(teams)
          .where(and(eq(teams.id, agent.handoffTeamId), eq(teams.workspaceId, workspace.id)))
          .then((rows) => rows[0] ?? null)
      : null;
  const withTeam = team && team.id !== conversation.teamId;
  const ended = await writeOwnership(tx, {
    conversation,
    patch: { agentSessionId: null, ...(withTeam ? { teamId: team.id } : {}) },
    events: [
      {
        type: "agent_session_ended",
        actorMemberId,
        data: {
          sessionId: current.session.id,
          agentId: agent.id,
          agentName: agent.name,
          reason,
          ...(detail ? { detail } : {}),
        },
      },
      ...(withTeam
        ? [
            {
              type: "team_assigned",
              actorMemberId,
              data: {
                from: conversation.teamId,
                to: team.id,
                toName: team.name,
                via: "handoff",
                agentName: agent.name,
              },
            },
          ]
        : []),
    ],
    now,
  });
  // Closing ends the session with the conversation; every other end leaves an open
  // conversation needing a person.
  if (reason === "closed" || ended.status !== "open") {
    return { conversation: ended, routed: null, session: session ?? null };
  }
  if (ended.assigneeId) {
    // The person already responsible takes over; they hear of it like an assignment.
    if (handoff) {
      await notifyAssignee(tx, {
        conversation: ended,
        memberId: ended.assigneeId,
        actorMemberId: null,
        via: "handoff",
      });
    }
    return { conversation: ended, routed: null, session: session ?? null };
  }
  // Nobody owns it now: it is routed by its pool's mode, or waits in Unassigned when manual —
  // a member who takes the agent off an unowned conversation does not leave it with no one.
  const routed = await routeConversation(tx, {
    workspace,
    conversation: ended,
    trigger: handoff ? "handoff" : "agent_ended",
    actorMemberId,
    now,
  });
  return { conversation: routed.conversation, routed, session: session ?? null };
}

/** Locks the conversations (in id order, the codebase's lock order) and ends each session. */
async function endSessionsOf(
  tx: Database,
  {
    workspace,
    conversationIds,
    which,
    reason,
    actorMemberId,
    now,
  }: {
    workspace: Workspace;
    conversationIds: string[];
    /** Whose active session to end: one that expires by then, or one agent's (under the lock). */
    which: { expiredBy: Date } | { agentId: string };
    reason: AgentSessionEndReason;
    actorMemberId: string | null;
    now: Date;
  },
): Promise<number> {
  if (conversationIds.length === 0) return 0;
  // The session is joined in the locking read: a session ended or started since the caller
  // looked (a member ended the agent's session and assigned another agent meanwhile) changes
  // the conversation's agent_session_id, and the re-check under the lock then leaves that
  // conversation out instead of ending a session that no longer matches.
  const locked = await tx
    .select(getTableColumns(conversations))
    .from(conversations)
    .innerJoin(agentSessions, eq(agentSessions.id, conversations.agentSessionId))
    .where(
      and(
        inArray(conversations.id, conversationIds),
        isNull(agentSessions.endedAt),
        "expiredBy" in which
          ? lte(agentSessions.expiresAt, which.expiredBy)
          : eq(agentSessions.agentId, which.agentId),
      ),
    )
    .orderBy(asc(conversations.id))
    .for("update", { of: conversations });
  let ended = 0;
  for (const conversation of locked) {
    const result = await endSessionLocked(tx, {
      workspace,
      conversation,
      reason,
      detail: null,
      actorMemberId,
      now,
    });
    if (result.session) ended++;
  }
  return ended;
}

/**
 * A deleted agent's sessions end (reason `agent_deleted`), in the deleting transaction; the
 * conversations it was handling are routed to people.
 */
export async function endSessionsOfAgent(
  tx: Database,
  {
    workspace,
    agentId,
    actorMemberId,
    now,
  }: { workspace: Workspace; agentId: string; actorMemberId: string | null; now: Date },
): Promise<number> {
  const active = await tx
    .select({ conversationId: agentSessions.conversationId })
    .from(agentSessions)
    .where(
      and(
        eq(agentSessions.agentId, agentId),
        eq(agentSessions.workspaceId, workspace.id),
        isNull(agentSessions.endedAt),
      ),
    );
  return endSessionsOf(tx, {
    workspace,
    conversationIds: active.map((row) => row.conversationId),
    which: { agentId },
    reason: "agent_deleted",
    actorMemberId,
    now,
  });
}

/**
 * Sessions past their maximum length end with reason `expired` and their conversations are
 * routed to people. Run by the agent worker's sweep; a customer message on a conversation
 * whose session is past its length ends it at once (agent-turns.ts).
 */
export async function expireAgentSessions(
  db: Database,
  { now = new Date() }: { now?: Date } = {},
): Promise<number> {
  const due = await db
    .select({
      workspaceId: agentSessions.workspaceId,
      conversationId: agentSessions.conversationId,
    })
    .from(agentSessions)
    .where(and(isNull(agentSessions.endedAt), lte(agentSessions.expiresAt, now)))
    .limit(500);
  const byWorkspace = new Map<string, string[]>();
  for (const row of due) {
    const ids = byWorkspace.get(row.workspaceId);
    if (ids) ids.push(row.conversationId);
    else byWorkspace.set(row.workspaceId, [row.conversationId]);
  }
  let expired = 0;
  for (const [workspaceId, conversationIds] of byWorkspace) {
    expired += await db.transaction(async (tx) =>
      endSessionsOf(tx, {
        workspace: await findWorkspaceById(tx, workspaceId),
        conversationIds,
        which: { expiredBy: now },
        reason: "expired",
        actorMemberId: null,
        now,
      }),
    );
  }
  return expired;
}
