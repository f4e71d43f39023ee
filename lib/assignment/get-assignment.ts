import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  agentSessions,
  aiAgents,
  conversationEvents,
  conversations,
  type MemberStatus,
  members,
  teams,
  users,
} from "@/db/schema";
import { scopeCondition, type Viewer } from "@/lib/conversations/viewer";
import { notFound } from "@/lib/errors";
import { timeFormatter } from "./route-conversation";
import { explainDecision, type RoutingDecision } from "./routing-decision";

/** The last routing decision taken for a conversation: routed to someone, or queued. */
export interface LatestDecision {
  event: "routed" | "queued";
  at: Date;
  /** What set routing off: arrival, reopened, queue, member_removed… */
  trigger: string | null;
  /** The one-line reason kept with the event ("fewest open: 2; last assigned 14:02"). */
  reason: string | null;
  decision: RoutingDecision;
  /** The decision in plain words, for "Why Sam?". */
  explanation: string[];
}

export interface AssignmentState {
  conversationId: string;
  assignee: { id: string; name: string; status: MemberStatus } | null;
  team: { id: string; name: string } | null;
  /** The AI agent handling it (its active session), if any. */
  agent: { id: string; name: string; sessionId: string; startedAt: Date; expiresAt: Date } | null;
  assignmentDisabled: boolean;
  /** Since when it waits for an eligible member; null when it is not in the queue. */
  queuedAt: Date | null;
  latestDecision: LatestDecision | null;
}

/** Decisions are stored as JSON on events; only a shape that reads as one is explained. */
function asDecision(value: unknown): RoutingDecision | null {
  if (typeof value !== "object" || value === null) return null;
  const candidate = value as Partial<RoutingDecision>;
  const ok =
    (candidate.strategy === "balanced" || candidate.strategy === "round_robin") &&
    Array.isArray(candidate.considered) &&
    Array.isArray(candidate.skipped) &&
    typeof candidate.eligibleCount === "number" &&
    typeof candidate.skippedCount === "number";
  return ok ? (value as RoutingDecision) : null;
}

const text = (value: unknown) => (typeof value === "string" ? value : null);

/**
 * Who owns a conversation now (member, team, the off switch, the queue) and the latest
 * routing decision with its reason, for the drawer's "Why Sam?" and the API. A conversation
 * outside the viewer's scope answers 404.
 */
export async function getAssignment(
  db: Database,
  viewer: Viewer,
  conversationId: string,
): Promise<AssignmentState> {
  const [row] = await db
    .select({
      id: conversations.id,
      assigneeId: conversations.assigneeId,
      assigneeName: sql<string | null>`coalesce(${users.name}, ${users.email})`,
      assigneeStatus: members.status,
      teamId: teams.id,
      teamName: teams.name,
      assignmentDisabled: conversations.assignmentDisabled,
      queuedAt: conversations.queuedAt,
      agentId: aiAgents.id,
      agentName: aiAgents.name,
      sessionId: agentSessions.id,
      sessionStartedAt: agentSessions.startedAt,
      sessionExpiresAt: agentSessions.expiresAt,
    })
    .from(conversations)
    .leftJoin(agentSessions, eq(agentSessions.id, conversations.agentSessionId))
    .leftJoin(aiAgents, eq(aiAgents.id, agentSessions.agentId))
    .leftJoin(members, eq(members.id, conversations.assigneeId))
    .leftJoin(users, eq(users.id, members.userId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .where(and(eq(conversations.id, conversationId), scopeCondition(viewer)));
  if (!row) throw notFound("That conversation");

  const [event] = await db
    .select({
      type: conversationEvents.type,
      data: conversationEvents.data,
      createdAt: conversationEvents.createdAt,
    })
    .from(conversationEvents)
    .where(
      and(
        eq(conversationEvents.conversationId, row.id),
        inArray(conversationEvents.type, ["routed", "queued"]),
      ),
    )
    .orderBy(desc(conversationEvents.createdAt), desc(conversationEvents.id))
    .limit(1);
  const decision = asDecision(event?.data.decision);
  const latestDecision: LatestDecision | null =
    event && decision
      ? {
          event: event.type === "routed" ? "routed" : "queued",
          at: event.createdAt,
          trigger: text(event.data.trigger),
          reason: text(event.data.reason),
          decision,
          explanation: explainDecision(decision, timeFormatter(viewer.workspace)),
        }
      : null;

  return {
    conversationId: row.id,
    assignee:
      row.assigneeId && row.assigneeStatus
        ? { id: row.assigneeId, name: row.assigneeName ?? "Someone", status: row.assigneeStatus }
        : null,
    team: row.teamId && row.teamName ? { id: row.teamId, name: row.teamName } : null,
    agent:
      row.agentId && row.agentName && row.sessionId && row.sessionStartedAt && row.sessionExpiresAt
        ? {
            id: row.agentId,
            name: row.agentName,
            sessionId: row.sessionId,
            startedAt: row.sessionStartedAt,
            expiresAt: row.sessionExpiresAt,
          }
        : null,
    assignmentDisabled: row.assignmentDisabled,
    queuedAt: row.queuedAt,
    latestDecision,
  };
}
