import type { RoutingMode, TeamRoutingMode } from "@/db/schema";

export const routingModeLabels: Record<TeamRoutingMode, string> = {
  inherit: "Workspace default",
  manual: "Manual",
  balanced: "Balanced",
  round_robin: "Round robin",
};

export const routingModeOptions = Object.entries(routingModeLabels).map(([value, label]) => ({
  value: value as TeamRoutingMode,
  label,
}));

export function isTeamRoutingMode(value: string): value is TeamRoutingMode {
  return value in routingModeLabels;
}

/** One line on what the mode does with a new conversation for this team. */
export function routingModeHint(mode: TeamRoutingMode, workspaceMode: RoutingMode): string {
  switch (mode) {
    case "inherit":
      return `Routes like the rest of the workspace (now ${routingModeLabels[workspaceMode]}).`;
    case "manual":
      return "New conversations wait in the Unassigned queue until someone takes them.";
    case "balanced":
      return "The online member with the fewest open conversations gets the next one.";
    case "round_robin":
      return "Online members take turns, one conversation each.";
  }
}
