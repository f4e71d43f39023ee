import type { Role } from "@/lib/auth/roles";

/** What each role may do, in a line: shown where a role is chosen. */
export const roleHints: Record<Role, string> = {
  admin: "Everything, including members, plan and settings.",
  manager: "All conversations, teams, AI agents and reports.",
  agent: "Their own, their teams' and unassigned conversations.",
  viewer: "Every conversation, read-only.",
};
