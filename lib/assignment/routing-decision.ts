import {
  type Candidate,
  type Choice,
  isEligible,
  type RoutingStrategy,
  type SkipReason,
  skipReason,
  skipReasonLabels,
  type TieBreak,
} from "./routing-rules";

/** How many considered and skipped members a decision keeps (the counts are always exact). */
const KEPT = 12;

export interface DecisionMember {
  memberId: string;
  name: string;
  openConversations: number;
  capacity: number | null;
  lastAssignedAt: string | null;
}

/**
 * What a routing decision saw and why it chose as it did, stored with the `routed` or
 * `queued` event so "Why Sam?" can be answered later exactly as it was decided.
 */
export interface RoutingDecision {
  strategy: RoutingStrategy;
  teamId: string | null;
  teamName: string | null;
  chosen: DecisionMember | null;
  tieBreak: TieBreak | null;
  /** Eligible members, best first (for round robin: in rotation order from the chosen). */
  considered: DecisionMember[];
  eligibleCount: number;
  skipped: (DecisionMember & { reason: SkipReason })[];
  skippedCount: number;
}

const asMember = (c: Candidate): DecisionMember => ({
  memberId: c.memberId,
  name: c.name,
  openConversations: c.openConversations,
  capacity: c.capacity,
  lastAssignedAt: c.lastAssignedAt?.toISOString() ?? null,
});

export function buildDecision({
  strategy,
  teamId,
  teamName,
  candidates,
  choice,
}: {
  strategy: RoutingStrategy;
  teamId: string | null;
  teamName: string | null;
  candidates: readonly Candidate[];
  choice: Choice | null;
}): RoutingDecision {
  const eligible = candidates.filter(isEligible);
  const ranked =
    strategy === "balanced"
      ? [...eligible].sort(
          (a, b) =>
            a.openConversations - b.openConversations ||
            (a.lastAssignedAt?.getTime() ?? -Infinity) - (b.lastAssignedAt?.getTime() ?? -Infinity),
        )
      : eligible;
  const considered = choice
    ? [choice.chosen, ...ranked.filter((c) => c.memberId !== choice.chosen.memberId)]
    : ranked;
  const skipped = candidates.flatMap((c) => {
    const reason = skipReason(c);
    return reason ? [{ ...asMember(c), reason }] : [];
  });
  return {
    strategy,
    teamId,
    teamName,
    chosen: choice ? asMember(choice.chosen) : null,
    tieBreak: choice?.tieBreak ?? null,
    considered: considered.slice(0, KEPT).map(asMember),
    eligibleCount: eligible.length,
    skipped: skipped.slice(0, KEPT),
    skippedCount: skipped.length,
  };
}

const strategyLabels: Record<RoutingStrategy, string> = {
  balanced: "Balanced routing",
  round_robin: "Round-robin routing",
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "fewest open: 2; last assigned 14:02" — the one-line reason kept beside the event. */
export function summarizeDecision(
  decision: RoutingDecision,
  formatTime: (iso: string) => string,
): string {
  const { chosen } = decision;
  if (!chosen) return "nobody eligible";
  if (decision.strategy === "round_robin") return "next in rotation";
  const parts = [`fewest open: ${chosen.openConversations}`];
  parts.push(
    chosen.lastAssignedAt ? `last assigned ${formatTime(chosen.lastAssignedAt)}` : "never assigned",
  );
  return parts.join("; ");
}

/**
 * The decision in plain words, for the drawer's "Why Sam?": who was chosen, from whom, by
 * which rule and tie-break, and who was passed over and why.
 */
export function explainDecision(
  decision: RoutingDecision,
  formatTime: (iso: string) => string,
): string[] {
  const where = decision.teamName ? `team ${decision.teamName}` : "the workspace";
  const lines: string[] = [];
  const { chosen } = decision;
  const load = (m: DecisionMember) =>
    `${plural(m.openConversations, "open conversation")}${m.capacity !== null ? ` of ${m.capacity}` : ""}`;
  const last = (m: DecisionMember) =>
    m.lastAssignedAt ? `last assigned ${formatTime(m.lastAssignedAt)}` : "never assigned before";

  if (!chosen) {
    lines.push(
      `${strategyLabels[decision.strategy]} in ${where} found nobody eligible, so the conversation waits in the queue and goes to the first member who becomes available.`,
    );
  } else if (decision.strategy === "balanced") {
    const others = decision.considered.filter((m) => m.memberId !== chosen.memberId);
    const tied = others.filter((m) => m.openConversations === chosen.openConversations);
    lines.push(
      decision.eligibleCount === 1
        ? `${strategyLabels.balanced} in ${where} chose ${chosen.name}, the only eligible member (${load(chosen)}).`
        : `${strategyLabels.balanced} in ${where} chose ${chosen.name}, who had ${load(chosen)} — the fewest among ${plural(decision.eligibleCount, "eligible member")}.`,
    );
    if (decision.tieBreak === "oldest_assignment" && tied.length > 0) {
      lines.push(
        `${tied.map((m) => m.name).join(", ")} had as few; ${chosen.name} was ${last(chosen)}, the longest ago, so they went first.`,
      );
    } else if (decision.tieBreak === "member_id" && tied.length > 0) {
      lines.push(
        `${tied.map((m) => m.name).join(", ")} had as few and were last assigned at the same moment; the fixed member order decided.`,
      );
    }
    const next = others.filter((m) => m.openConversations !== chosen.openConversations).slice(0, 3);
    if (next.length > 0)
      lines.push(
        `Also eligible: ${next.map((m) => `${m.name} (${m.openConversations} open)`).join(", ")}.`,
      );
  } else {
    lines.push(
      `${strategyLabels.round_robin} in ${where}: it was ${chosen.name}'s turn in the rotation (${plural(decision.eligibleCount, "eligible member")}, ${load(chosen)}).`,
    );
  }
  if (decision.skippedCount > 0) {
    const shown = decision.skipped
      .map((m) =>
        m.reason === "at_capacity"
          ? `${m.name} (at capacity, ${m.openConversations}/${m.capacity})`
          : `${m.name} (${skipReasonLabels[m.reason]})`,
      )
      .join(", ");
    const more = decision.skippedCount - decision.skipped.length;
    lines.push(`Passed over: ${shown}${more > 0 ? ` and ${more} more` : ""}.`);
  }
  return lines;
}
