import "server-only";
import { z } from "zod";
import type { Conversation, Workspace } from "@/db/schema";
import { timeFormatter } from "@/lib/assignment/route-conversation";
import { explainDecision, type RoutingDecision } from "@/lib/assignment/routing-decision";

const decisionMember = z.object({
  memberId: z.string(),
  name: z.string(),
  openConversations: z.number(),
  capacity: z.number().nullable(),
  lastAssignedAt: z.string().nullable(),
});

/** The stored decision, checked: events are JSON, and older rows (the seed's) carry none. */
const decisionSchema = z.object({
  strategy: z.enum(["balanced", "round_robin"]),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  chosen: decisionMember.nullable(),
  tieBreak: z
    .enum(["only_candidate", "fewest_open", "oldest_assignment", "member_id", "rotation"])
    .nullable(),
  considered: z.array(decisionMember),
  eligibleCount: z.number(),
  skipped: z.array(
    decisionMember.extend({
      reason: z.enum(["cannot_reply", "not_accepting", "away", "offline", "at_capacity"]),
    }),
  ),
  skippedCount: z.number(),
}) satisfies z.ZodType<RoutingDecision>;

/** "Why Sam?": the routing decision behind the current owner, in plain words. */
export interface RoutingWhy {
  kind: "routed" | "queued";
  /** Who routing chose (routed), or null while the conversation waits. */
  memberName: string | null;
  at: string;
  lines: string[];
}

interface HistoryEvent {
  type: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** Events after which the current owner no longer comes from a routing decision. */
const ownershipTypes = new Set(["assigned", "unassigned", "routed", "queued"]);

/**
 * The decision that explains who owns the conversation now: the latest routed event when its
 * member is still the assignee, or the latest queued one while the conversation still waits.
 * A later manual assignment, claim or unassignment makes the old decision beside the point.
 */
export function explainOwnership({
  workspace,
  conversation,
  events,
}: {
  workspace: Workspace;
  conversation: Conversation;
  events: readonly HistoryEvent[];
}): RoutingWhy | null {
  const latest = events.findLast((event) => ownershipTypes.has(event.type));
  if (!latest) return null;
  const { data } = latest;
  const routedHere = latest.type === "routed" && data.to === conversation.assigneeId;
  const waiting = latest.type === "queued" && conversation.queuedAt !== null;
  if (!routedHere && !waiting) return null;
  const parsed = decisionSchema.safeParse(data.decision);
  const reason = typeof data.reason === "string" ? data.reason : null;
  const lines = parsed.success
    ? explainDecision(parsed.data, timeFormatter(workspace))
    : reason && reason !== "seed"
      ? [`Routing chose by ${reason}.`]
      : [];
  if (lines.length === 0) return null;
  return {
    kind: waiting ? "queued" : "routed",
    memberName: routedHere && typeof data.toName === "string" ? data.toName : null,
    at: latest.createdAt.toISOString(),
    lines,
  };
}
