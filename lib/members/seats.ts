import type { Plan } from "@/db/schema";

/** Seats per plan; null is unlimited. Seats = active members + pending invitations. */
export const seatLimits: Record<Plan, number | null> = { starter: 3, team: 10, business: null };
export const planLabels: Record<Plan, string> = {
  starter: "Starter",
  team: "Team",
  business: "Business",
};

export interface SeatUsage {
  members: number;
  pending: number;
}

export const seatsUsed = (usage: SeatUsage) => usage.members + usage.pending;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "2 of 3 seats" or "12 seats (unlimited)". */
export function describeUsage(plan: Plan, usage: SeatUsage): string {
  const limit = seatLimits[plan];
  const used = seatsUsed(usage);
  return limit === null
    ? `${plural(used, "seat")} (unlimited)`
    : `${used} of ${plural(limit, "seat")}`;
}

/** "3 seats in use: 2 members and 1 pending invitation" */
export function describeBreakdown(usage: SeatUsage): string {
  return `${plural(seatsUsed(usage), "seat")} in use: ${plural(usage.members, "member")} and ${plural(usage.pending, "pending invitation")}`;
}

/** Whether `adding` more seats fit the plan; returns the refusal message when they do not. */
export function seatRefusal(plan: Plan, usage: SeatUsage, adding: number): string | null {
  const limit = seatLimits[plan];
  if (limit === null || seatsUsed(usage) + adding <= limit) return null;
  const free = Math.max(0, limit - seatsUsed(usage));
  return `The ${planLabels[plan]} plan has ${plural(limit, "seat")}, with ${describeBreakdown(usage)}${
    adding > 1
      ? `, so ${plural(free, "more invitation")} ${free === 1 ? "fits" : "fit"}, not ${adding}`
      : ""
  }. Revoke a pending invitation, remove a member, or switch to a bigger plan in Settings → Plan.`;
}

/** Whether the workspace's current usage fits `plan`; returns the refusal message when not. */
export function downgradeRefusal(plan: Plan, usage: SeatUsage): string | null {
  const limit = seatLimits[plan];
  if (limit === null || seatsUsed(usage) <= limit) return null;
  return `The ${planLabels[plan]} plan has ${plural(limit, "seat")}, but ${describeBreakdown(usage)}. Remove members or revoke invitations until ${limit} or fewer seats are used, then switch.`;
}
