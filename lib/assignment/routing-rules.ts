import type { MemberStatus, Role } from "@/db/schema";
import { can } from "@/lib/auth/permissions";

/**
 * The pure rules of routing (DESIGN.md, "Assignment rules" 7): who is eligible, and whom
 * balanced and round-robin choose. No database here, so every edge has a unit test.
 */

export type RoutingStrategy = "balanced" | "round_robin";

export interface Candidate {
  memberId: string;
  name: string;
  role: Role;
  status: MemberStatus;
  acceptsChats: boolean;
  /** Maximum open conversations; null = unlimited. */
  capacity: number | null;
  openConversations: number;
  /** Null when never assigned: counts as the oldest. */
  lastAssignedAt: Date | null;
}

export type SkipReason = "cannot_reply" | "not_accepting" | "away" | "offline" | "at_capacity";

export const skipReasonLabels: Record<SkipReason, string> = {
  cannot_reply: "role cannot reply",
  not_accepting: "not accepting chats",
  away: "away",
  offline: "offline",
  at_capacity: "at capacity",
};

/** Why a member cannot take a routed conversation now, or null when they can. */
export function skipReason(candidate: Candidate): SkipReason | null {
  if (!can(candidate.role, "conversations.reply")) return "cannot_reply";
  if (!candidate.acceptsChats) return "not_accepting";
  if (candidate.status === "away") return "away";
  if (candidate.status === "offline") return "offline";
  if (candidate.capacity !== null && candidate.openConversations >= candidate.capacity) {
    return "at_capacity";
  }
  return null;
}

export const isEligible = (candidate: Candidate) => skipReason(candidate) === null;

/** How the winner was told apart from the next best. */
export type TieBreak =
  | "only_candidate"
  | "fewest_open"
  | "oldest_assignment"
  | "member_id"
  | "rotation";

export interface Choice {
  chosen: Candidate;
  tieBreak: TieBreak;
}

const lastAssigned = (candidate: Candidate) => candidate.lastAssignedAt?.getTime() ?? -Infinity;

/**
 * Balanced: the fewest open conversations wins; a tie goes to the member whose last
 * assignment is oldest (never assigned counts as oldest); then the lower member id, so the
 * choice is total and repeatable.
 */
export function chooseBalanced(candidates: readonly Candidate[]): Choice | null {
  const eligible = candidates.filter(isEligible);
  if (eligible.length === 0) return null;
  const ranked = [...eligible].sort(
    (a, b) =>
      a.openConversations - b.openConversations ||
      lastAssigned(a) - lastAssigned(b) ||
      (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
  );
  const [chosen, runnerUp] = ranked as [Candidate, Candidate | undefined];
  if (!runnerUp) return { chosen, tieBreak: "only_candidate" };
  if (chosen.openConversations !== runnerUp.openConversations) {
    return { chosen, tieBreak: "fewest_open" };
  }
  if (lastAssigned(chosen) !== lastAssigned(runnerUp)) {
    return { chosen, tieBreak: "oldest_assignment" };
  }
  return { chosen, tieBreak: "member_id" };
}

/**
 * Round robin: strict rotation over the pool in a stable order (member id). The next member
 * after the last one served who is eligible now; wraps around; skips who is not eligible.
 */
export function chooseRoundRobin(
  candidates: readonly Candidate[],
  lastMemberId: string | null,
): Choice | null {
  const ordered = [...candidates].sort((a, b) =>
    a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0,
  );
  const eligible = ordered.filter(isEligible);
  if (eligible.length === 0) return null;
  const next =
    (lastMemberId === null ? undefined : eligible.find((c) => c.memberId > lastMemberId)) ??
    eligible[0];
  if (!next) return null;
  return { chosen: next, tieBreak: eligible.length === 1 ? "only_candidate" : "rotation" };
}

export function choose(
  strategy: RoutingStrategy,
  candidates: readonly Candidate[],
  lastMemberId: string | null,
): Choice | null {
  return strategy === "balanced"
    ? chooseBalanced(candidates)
    : chooseRoundRobin(candidates, lastMemberId);
}
