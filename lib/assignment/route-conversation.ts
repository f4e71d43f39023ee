import "server-only";
import type { Database } from "@/db/client";
import type { Conversation, Workspace } from "@/db/schema";
import { notifyAssignee } from "./notify-assignee";
import { buildDecision, type RoutingDecision, summarizeDecision } from "./routing-decision";
import { lockRouting } from "./routing-lock";
import { findPool, lastServed, loadCandidates, rememberServed } from "./routing-pool";
import { choose } from "./routing-rules";
import { writeOwnership } from "./write-ownership";

/** What set routing off, kept with the decision. */
export type RouteTrigger =
  | "arrival"
  | "reopened"
  | "team_assigned"
  | "member_removed"
  | "queue"
  | "assignment_enabled"
  | "handoff"
  /** A member ended an AI agent's session on a conversation nobody owned. */
  | "agent_ended";

export type RouteOutcome =
  | { kind: "assigned"; memberId: string; decision: RoutingDecision; conversation: Conversation }
  | { kind: "queued"; decision: RoutingDecision; conversation: Conversation }
  | { kind: "not_routed"; reason: "manual" | "not_routable"; conversation: Conversation };

/** Routing may give this conversation a member: open, unowned, direct, not switched off. */
export const routable = (c: Conversation) =>
  c.status === "open" &&
  c.assigneeId === null &&
  c.agentSessionId === null &&
  !c.assignmentDisabled &&
  c.kind === "direct";

export const timeFormatter = (workspace: Workspace) => {
  const format = new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: workspace.timeZone,
  });
  return (iso: string) => format.format(new Date(iso));
};

/**
 * Routes one conversation whose row the caller holds, inline: by its team's mode (or the
 * workspace's), to the eligible member the rules choose, with the decision stored on the
 * `routed` event. When nobody is eligible it joins the queue (one `queued` event) and waits
 * for `drainQueue`. A manual pool leaves it in Unassigned. For the manual paths (a team
 * assigned, assignment switched back on, a member reopens, an assignee removed); arrivals
 * and customer reopens queue instead and are routed in batches after commit (drain-queue.ts).
 */
export async function routeConversation(
  tx: Database,
  {
    workspace,
    conversation,
    trigger,
    actorMemberId,
    now,
  }: {
    workspace: Workspace;
    conversation: Conversation;
    trigger: RouteTrigger;
    actorMemberId: string | null;
    now: Date;
  },
): Promise<RouteOutcome> {
  const pool = routable(conversation) ? await findPool(tx, workspace, conversation.teamId) : null;
  if (!pool?.strategy) {
    const left =
      conversation.queuedAt === null
        ? conversation
        : await writeOwnership(tx, { conversation, patch: { queuedAt: null }, events: [], now });
    return { kind: "not_routed", reason: pool ? "manual" : "not_routable", conversation: left };
  }
  await lockRouting(tx, workspace.id);
  const candidates = await loadCandidates(tx, { workspaceId: workspace.id, pool });
  const last =
    pool.strategy === "round_robin"
      ? await lastServed(tx, { workspaceId: workspace.id, pool })
      : null;
  const choice = choose(pool.strategy, candidates, last);
  const decision = buildDecision({
    strategy: pool.strategy,
    teamId: pool.teamId,
    teamName: pool.teamName,
    candidates,
    choice,
  });

  if (!choice) {
    if (conversation.queuedAt !== null) return { kind: "queued", decision, conversation };
    const queued = await writeOwnership(tx, {
      conversation,
      patch: { queuedAt: now },
      events: [
        {
          type: "queued",
          actorMemberId,
          data: { teamId: pool.teamId, trigger, reason: "nobody eligible", decision },
        },
      ],
      now,
    });
    return { kind: "queued", decision, conversation: queued };
  }

  const { chosen } = choice;
  const routed = await writeOwnership(tx, {
    conversation,
    patch: { assigneeId: chosen.memberId, queuedAt: null },
    events: [
      {
        type: "routed",
        actorMemberId,
        data: {
          to: chosen.memberId,
          toName: chosen.name,
          teamId: pool.teamId,
          trigger,
          reason: summarizeDecision(decision, timeFormatter(workspace)),
          decision,
        },
      },
    ],
    now,
  });
  if (pool.strategy === "round_robin") {
    await rememberServed(tx, { workspaceId: workspace.id, pool, memberId: chosen.memberId, now });
  }
  await notifyAssignee(tx, {
    conversation: routed,
    memberId: chosen.memberId,
    actorMemberId,
    via: "routing",
  });
  return { kind: "assigned", memberId: chosen.memberId, decision, conversation: routed };
}
