import type { Role } from "@/db/schema";

/**
 * The one role → permission table (DESIGN.md, "Permissions"). Every page, action and route
 * asks this table through `can()`; no role is compared anywhere else.
 */
export const permissions = [
  "workspace.view",
  "workspace.manage",
  "members.view",
  "members.manage",
  "teams.manage",
  "agents.manage",
  "conversations.view",
  "conversations.view.all",
  "conversations.view.scoped",
  "conversations.reply",
  "conversations.assign.any",
  "conversations.claim",
  "reports.view.all",
  "reports.view.own",
] as const;
export type Permission = (typeof permissions)[number];

const table: Record<Role, readonly Permission[]> = {
  admin: [
    "workspace.view",
    "workspace.manage",
    "members.view",
    "members.manage",
    "teams.manage",
    "agents.manage",
    "conversations.view",
    "conversations.view.all",
    "conversations.reply",
    "conversations.assign.any",
    "conversations.claim",
    "reports.view.all",
    "reports.view.own",
  ],
  manager: [
    "workspace.view",
    "members.view",
    "teams.manage",
    "agents.manage",
    "conversations.view",
    "conversations.view.all",
    "conversations.reply",
    "conversations.assign.any",
    "conversations.claim",
    "reports.view.all",
    "reports.view.own",
  ],
  agent: [
    "workspace.view",
    "members.view",
    "conversations.view",
    "conversations.view.scoped",
    "conversations.reply",
    "conversations.claim",
    "reports.view.own",
  ],
  viewer: ["workspace.view", "members.view", "conversations.view", "conversations.view.all"],
};

const lookup = new Map(
  Object.entries(table).map(([role, granted]) => [role, new Set<Permission>(granted)]),
);

export function can(role: Role, permission: Permission): boolean {
  return lookup.get(role)?.has(permission) ?? false;
}

export function permissionsOf(role: Role): readonly Permission[] {
  return table[role];
}

export const roleLabels: Record<Role, string> = {
  admin: "Admin",
  manager: "Manager",
  agent: "Agent",
  viewer: "Viewer",
};
