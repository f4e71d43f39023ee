import type { RoutingMode } from "@/db/schema";

/** The workspace's routing modes, each with the one line that says what it does. */
export const workspaceModes: { value: RoutingMode; label: string; hint: string }[] = [
  {
    value: "manual",
    label: "Manual",
    hint: "Conversations wait in Unassigned until someone takes them.",
  },
  {
    value: "balanced",
    label: "Balanced",
    hint: "The eligible member with the fewest open conversations gets the next one; a tie goes to whoever was assigned longest ago.",
  },
  {
    value: "round_robin",
    label: "Round robin",
    hint: "Eligible members take turns in a fixed order, one conversation each.",
  },
];

export const modeLabels: Record<RoutingMode, string> = {
  manual: "Manual",
  balanced: "Balanced",
  round_robin: "Round robin",
};

export type RoutingSwitch =
  | "selfAssignOnFirstReply"
  | "resetAssigneeOnClose"
  | "agentsSeeUnassigned"
  | "autoAway";

export const routingSwitches: { key: RoutingSwitch; label: string; hint: string }[] = [
  {
    key: "selfAssignOnFirstReply",
    label: "Self-assign on first reply",
    hint: "Whoever sends the first reply in an unassigned conversation becomes its assignee.",
  },
  {
    key: "resetAssigneeOnClose",
    label: "Reset assignee on close",
    hint: "Closing a conversation clears its assignee, so the customer's next message is routed afresh.",
  },
  {
    key: "agentsSeeUnassigned",
    label: "Agents see the unassigned queue",
    hint: "Agents can see and claim conversations nobody owns; off, they see only their own and their teams'.",
  },
  {
    key: "autoAway",
    label: "Set members away when they close the app",
    hint: "A member whose every tab has been closed for two minutes becomes away, so routing stops sending them conversations.",
  },
];

export const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;
