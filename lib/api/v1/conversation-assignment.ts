import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversations } from "@/db/schema";
import { assignAgent, endAgentSession } from "@/lib/assignment/agent-sessions";
import {
  assignMember,
  assignTeam,
  unassignConversation,
} from "@/lib/assignment/assign-conversation";
import { type AssignmentState, getAssignment } from "@/lib/assignment/get-assignment";
import { memberName } from "@/lib/assignment/member-name";
import { parseInput } from "@/lib/auth/actions";
import { findVisibleConversation, type Viewer } from "@/lib/conversations/viewer";
import { AppError, notFound } from "@/lib/errors";
import { type ApiAssignment, assignmentRequestSchema } from "./schemas";

export function toApiAssignment(state: AssignmentState): ApiAssignment {
  const latest = state.latestDecision;
  const { decision } = latest ?? {};
  return {
    conversationId: state.conversationId,
    assignee: state.assignee,
    team: state.team,
    agent: state.agent
      ? {
          ...state.agent,
          startedAt: state.agent.startedAt.toISOString(),
          expiresAt: state.agent.expiresAt.toISOString(),
        }
      : null,
    assignmentDisabled: state.assignmentDisabled,
    queuedAt: state.queuedAt?.toISOString() ?? null,
    latestDecision:
      latest && decision
        ? {
            event: latest.event,
            at: latest.at.toISOString(),
            trigger: latest.trigger,
            reason: latest.reason,
            strategy: decision.strategy,
            team:
              decision.teamId && decision.teamName
                ? { id: decision.teamId, name: decision.teamName }
                : null,
            chosen: decision.chosen,
            tieBreak: decision.tieBreak,
            considered: decision.considered,
            eligibleCount: decision.eligibleCount,
            skipped: decision.skipped,
            skippedCount: decision.skippedCount,
            explanation: latest.explanation,
          }
        : null,
  };
}

/** `GET /api/v1/conversations/:id/assignment`: the owners now and the latest decision. */
export async function getApiAssignment(
  db: Database,
  { viewer, conversationId }: { viewer: Viewer; conversationId: string },
): Promise<ApiAssignment> {
  return toApiAssignment(await getAssignment(db, viewer, conversationId));
}

/**
 * `POST /api/v1/conversations/:id/assignment`: assign a member, a team or an AI agent, or
 * take one off,
 * through lib/assignment with the same rules, errors and events as the inbox. A foreign
 * conversation answers 404 before the body is read, so a stranger learns nothing from a 422.
 */
export async function setApiAssignment(
  db: Database,
  {
    viewer,
    conversationId,
    readBody,
  }: { viewer: Viewer; conversationId: string; readBody: () => Promise<unknown> },
): Promise<ApiAssignment> {
  if (!(await findVisibleConversation(db, viewer, conversationId))) {
    throw notFound("That conversation");
  }
  const input = parseInput(assignmentRequestSchema, await readBody());
  const target = { viewer, conversationId };
  if (input.memberId !== undefined) {
    const memberId = input.memberId;
    if (input.ifUnassigned) {
      await db.transaction(async (tx) => {
        // The row lock first, as every assignment takes it; assignMember runs inside it (a
        // savepoint), so nobody can take the conversation between the check and the write.
        const [row] = await tx
          .select({ assigneeId: conversations.assigneeId })
          .from(conversations)
          .where(
            and(
              eq(conversations.id, conversationId),
              eq(conversations.workspaceId, viewer.workspace.id),
            ),
          )
          .for("update");
        if (!row) throw notFound("That conversation");
        if (row.assigneeId !== null && row.assigneeId !== memberId) {
          const name = await memberName(tx, row.assigneeId);
          throw new AppError("already_assigned", `${name} took this one.`, undefined, {
            assignee: { id: row.assigneeId, name },
          });
        }
        await assignMember(tx, { ...target, memberId });
      });
    } else {
      await assignMember(db, { ...target, memberId });
    }
  } else if (input.teamId !== undefined) {
    await assignTeam(db, { ...target, teamId: input.teamId });
  } else if (input.agentId !== undefined) {
    await assignAgent(db, {
      ...target,
      agentId: input.agentId,
      sendInitialMessage: input.sendInitialMessage,
    });
  } else if (input.unassign === "agent") {
    await endAgentSession(db, { ...target, reason: "unassigned" });
  } else if (input.unassign !== undefined) {
    await unassignConversation(db, { ...target, what: input.unassign });
  }
  return getApiAssignment(db, target);
}
