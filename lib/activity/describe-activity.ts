import type { ActivityType } from "@/db/schema/members";

type Data = Record<string, string | number | null>;
const routingLabels: Record<string, string> = {
  inherit: "the workspace default",
  manual: "manual",
  balanced: "balanced",
  round_robin: "round robin",
};
const roleNames: Record<string, string> = {
  admin: "Admin",
  manager: "Manager",
  agent: "Agent",
  viewer: "Viewer",
};
const role = (data: Data) => roleNames[String(data.role)] ?? String(data.role ?? "a member");
const s = (data: Data, key: string) => String(data[key] ?? "someone");

/** One plain sentence per entry, from the names as they were at the time. */
export function describeActivity(type: ActivityType, data: Data): string {
  switch (type) {
    case "member.invited":
      return `invited ${s(data, "email")} as ${role(data)}`;
    case "invitation.resent":
      return `resent the invitation to ${s(data, "email")}`;
    case "invitation.revoked":
      return `revoked the invitation to ${s(data, "email")}`;
    case "invitation.accepted":
      return `accepted the invitation and joined as ${role(data)}`;
    case "member.role_changed":
      return `changed ${s(data, "name")}'s role from ${s(data, "from")} to ${s(data, "to")}${keysRevoked(data)}`;
    case "member.removed":
      return `removed ${s(data, "name")}${keysRevoked(data)}`;
    case "member.left":
      return `left the workspace${keysRevoked(data)}`;
    case "team.created":
      return `created the team ${s(data, "team")}`;
    case "team.renamed":
      return `renamed the team ${s(data, "from")} to ${s(data, "team")}`;
    case "team.deleted":
      return `deleted the team ${s(data, "team")}`;
    case "team.routing_changed":
      return `set ${s(data, "team")}'s routing to ${routingLabels[s(data, "to")] ?? s(data, "to")}`;
    case "team.member_added":
      return `added ${s(data, "member")} to ${s(data, "team")}`;
    case "team.member_removed":
      return `removed ${s(data, "member")} from ${s(data, "team")}`;
    case "workspace.updated":
      return "updated the workspace settings";
    case "workspace.routing_changed":
      return describeRoutingChange(data);
    case "plan.changed":
      return `switched the plan from ${s(data, "from")} to ${s(data, "to")}`;
  }
}

const routingSettingLabels: Record<string, string> = {
  selfAssignOnFirstReply: "self-assign on first reply",
  resetAssigneeOnClose: "reset assignee on close",
  agentsSeeUnassigned: "the unassigned queue for Agents",
  autoAway: "auto-away",
};

/** One entry per changed setting: `{ setting, from, to }` (lib/workspaces/update-routing-settings.ts). */
function describeRoutingChange(data: Data): string {
  const setting = s(data, "setting");
  if (setting === "routingMode") {
    return `set the workspace's routing to ${routingLabels[s(data, "to")] ?? s(data, "to")}`;
  }
  const label = routingSettingLabels[setting] ?? setting;
  return `turned ${data.to === "on" ? "on" : "off"} ${label}`;
}

/** "; their API keys Zapier, Bridge were revoked" when ending their access revoked keys. */
function keysRevoked(data: Record<string, unknown>): string {
  const keys = typeof data.revokedKeys === "string" ? data.revokedKeys : "";
  return keys ? `; the API keys they made (${keys}) were revoked` : "";
}
