"use server";

import type { Database } from "@/db/client";
import {
  type AgentSessionResult,
  assignAgent,
  endAgentSession,
} from "@/lib/assignment/agent-sessions";
import {
  type AssignmentResult,
  assignMember,
  assignTeam,
  claimConversation,
  setAssignmentDisabled,
  unassignConversation,
} from "@/lib/assignment/assign-conversation";
import { workspaceAction } from "@/lib/auth/actions";
import {
  type ConversationOwners,
  conversationOwners,
} from "@/lib/conversations/conversation-owners";
import { markConversationRead, markConversationUnread } from "@/lib/conversations/read-state";
import {
  assignAgentSchema,
  assignMemberSchema,
  assignmentDisabledSchema,
  assignTeamSchema,
  claimSchema,
  conversationIdSchema,
  endAgentSessionSchema,
  sendMessageSchema,
  setStatusSchema,
  unassignSchema,
} from "@/lib/conversations/schemas";
import { sendMessage } from "@/lib/conversations/send-message";
import { setConversationStatus } from "@/lib/conversations/set-status";
import { viewerFor } from "@/lib/conversations/viewer";

export const sendMessageAction = workspaceAction(
  { name: "conversations.send", permission: "conversations.reply", schema: sendMessageSchema },
  async ({ conversationId, body, note }, context) => {
    const message = await sendMessage(context.db, {
      viewer: await viewerFor(context),
      conversationId,
      body,
      note,
    });
    return { id: message.id, createdAt: message.createdAt.toISOString() };
  },
);

export const setStatusAction = workspaceAction(
  { name: "conversations.setStatus", permission: "conversations.reply", schema: setStatusSchema },
  async ({ conversationId, status }, context) => {
    await setConversationStatus(context.db, {
      viewer: await viewerFor(context),
      conversationId,
      status,
    });
    return { status };
  },
);

export const markReadAction = workspaceAction(
  {
    name: "conversations.markRead",
    permission: "conversations.view",
    schema: conversationIdSchema,
  },
  async ({ conversationId }, context) => {
    await markConversationRead(context.db, await viewerFor(context), conversationId);
    return {};
  },
);

export const markUnreadAction = workspaceAction(
  {
    name: "conversations.markUnread",
    permission: "conversations.view",
    schema: conversationIdSchema,
  },
  async ({ conversationId }, context) => {
    await markConversationUnread(context.db, await viewerFor(context), conversationId);
    return {};
  },
);

/** The owners after an assignment, by name, and whether routing placed or queued it. */
export type AssignmentOutcome = ConversationOwners & {
  changed: boolean;
  routed: "assigned" | "queued" | null;
};

async function outcomeOf(db: Database, result: AssignmentResult): Promise<AssignmentOutcome> {
  const routed = result.routed?.kind;
  return {
    ...(await conversationOwners(db, result.conversation)),
    changed: result.changed,
    routed: routed === "assigned" || routed === "queued" ? routed : null,
  };
}

export const claimAction = workspaceAction(
  { name: "conversations.claim", permission: "conversations.claim", schema: claimSchema },
  async ({ conversationId }, context) =>
    outcomeOf(
      context.db,
      await claimConversation(context.db, { viewer: await viewerFor(context), conversationId }),
    ),
);

// Agents may assign too (claim for themselves, pass on their own): the module decides which.
export const assignMemberAction = workspaceAction(
  { name: "conversations.assign", permission: "conversations.claim", schema: assignMemberSchema },
  async ({ conversationId, memberId }, context) =>
    outcomeOf(
      context.db,
      await assignMember(context.db, {
        viewer: await viewerFor(context),
        conversationId,
        memberId,
      }),
    ),
);

export const assignTeamAction = workspaceAction(
  { name: "conversations.assignTeam", permission: "conversations.claim", schema: assignTeamSchema },
  async ({ conversationId, teamId }, context) =>
    outcomeOf(
      context.db,
      await assignTeam(context.db, { viewer: await viewerFor(context), conversationId, teamId }),
    ),
);

export const unassignAction = workspaceAction(
  { name: "conversations.unassign", permission: "conversations.claim", schema: unassignSchema },
  async ({ conversationId, what }, context) =>
    outcomeOf(
      context.db,
      await unassignConversation(context.db, {
        viewer: await viewerFor(context),
        conversationId,
        what,
      }),
    ),
);

export const setAssignmentDisabledAction = workspaceAction(
  {
    name: "conversations.setAssignmentDisabled",
    permission: "conversations.assign.any",
    schema: assignmentDisabledSchema,
  },
  async ({ conversationId, disabled }, context) =>
    outcomeOf(
      context.db,
      await setAssignmentDisabled(context.db, {
        viewer: await viewerFor(context),
        conversationId,
        disabled,
      }),
    ),
);

/** The owners after an AI agent change, and the session it started or ended (none if nothing did). */
export type AgentSessionOutcome = AssignmentOutcome & { sessionId: string | null };

async function agentOutcomeOf(
  db: Database,
  result: AgentSessionResult,
): Promise<AgentSessionOutcome> {
  return { ...(await outcomeOf(db, result)), sessionId: result.session?.id ?? null };
}

// Like assigning a member: Agents may hand only their own to an AI agent (the module decides).
export const assignAgentAction = workspaceAction(
  {
    name: "conversations.assignAgent",
    permission: "conversations.claim",
    schema: assignAgentSchema,
  },
  async ({ conversationId, agentId, sendInitialMessage }, context) =>
    agentOutcomeOf(
      context.db,
      await assignAgent(context.db, {
        viewer: await viewerFor(context),
        conversationId,
        agentId,
        sendInitialMessage,
      }),
    ),
);

export const endAgentSessionAction = workspaceAction(
  {
    name: "conversations.endAgentSession",
    permission: "conversations.claim",
    schema: endAgentSessionSchema,
  },
  async ({ conversationId, reason }, context) =>
    agentOutcomeOf(
      context.db,
      await endAgentSession(context.db, {
        viewer: await viewerFor(context),
        conversationId,
        reason,
      }),
    ),
);
