import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Workspace, workspaces } from "@/db/schema";
import { recordActivity } from "@/lib/activity/record-activity";
import { routingModeChanged } from "@/lib/assignment/routing-changed";
import { lockRoutingModes } from "@/lib/assignment/routing-lock";
import { notFound } from "@/lib/errors";
import { emitAccessChanged } from "@/lib/realtime/emit-access-changed";
import type { UpdateRoutingInput } from "./schemas";

const switches = [
  "selfAssignOnFirstReply",
  "resetAssigneeOnClose",
  "agentsSeeUnassigned",
  "autoAway",
] as const;

/**
 * Settings → Routing. One transaction: the workspace row, one activity entry per setting
 * that changed, and — when the mode changed — the waiting conversations follow the new mode
 * at once (routed now, or back to Unassigned when the mode became manual).
 */
export async function updateRoutingSettings(
  db: Database,
  {
    workspaceId,
    actorMemberId,
    input,
    now = new Date(),
  }: { workspaceId: string; actorMemberId: string; input: UpdateRoutingInput; now?: Date },
): Promise<{ workspace: Workspace; routed: number }> {
  return db.transaction(async (tx) => {
    // First, holding nothing: arrivals reading the old mode commit before the switch queues.
    if (input.routingMode !== undefined) await lockRoutingModes(tx, workspaceId, "change");
    // NO KEY UPDATE, not UPDATE: a routing transaction holding the routing lock inserts rows
    // that reference this workspace (a KEY SHARE lock), which FOR UPDATE would block while
    // this one waits for the routing lock in routingModeChanged — a deadlock.
    const [current] = await tx
      .select()
      .from(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .for("no key update");
    if (!current) throw notFound("That workspace");
    const patch: Partial<Pick<Workspace, "routingMode" | (typeof switches)[number]>> = {};
    const changes: { setting: string; from: string; to: string }[] = [];
    if (input.routingMode !== undefined && input.routingMode !== current.routingMode) {
      patch.routingMode = input.routingMode;
      changes.push({ setting: "routingMode", from: current.routingMode, to: input.routingMode });
    }
    for (const key of switches) {
      const next = input[key];
      if (next === undefined || next === current[key]) continue;
      patch[key] = next;
      changes.push({ setting: key, from: current[key] ? "on" : "off", to: next ? "on" : "off" });
    }
    if (changes.length === 0) return { workspace: current, routed: 0 };

    const [workspace] = await tx
      .update(workspaces)
      .set(patch)
      .where(eq(workspaces.id, workspaceId))
      .returning();
    if (!workspace) throw new Error(`workspace ${workspaceId} vanished while locked`);
    for (const change of changes) {
      await recordActivity(tx, {
        workspaceId,
        actorMemberId,
        type: "workspace.routing_changed",
        data: change,
      });
    }
    // What Agents see changed: their open streams re-read it and their inboxes refetch.
    if (patch.agentsSeeUnassigned !== undefined) await emitAccessChanged(tx, { workspaceId });
    const routed =
      patch.routingMode === undefined
        ? 0
        : await routingModeChanged(tx, { workspace, teamId: null, now });
    return { workspace, routed };
  });
}
