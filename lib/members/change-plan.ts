import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Plan, workspaces } from "@/db/schema";
import { recordActivity } from "@/lib/activity/record-activity";
import { AppError } from "@/lib/errors";
import { countSeats, lockWorkspace } from "./lock-workspace";
import { downgradeRefusal, planLabels } from "./seats";

/** Switches the plan (no payment here: a billing integration would call this). */
export async function changePlan(
  db: Database,
  { workspaceId, plan, actorMemberId }: { workspaceId: string; plan: Plan; actorMemberId: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const workspace = await lockWorkspace(tx, workspaceId);
    if (workspace.plan === plan) return;
    const refusal = downgradeRefusal(plan, await countSeats(tx, workspaceId));
    if (refusal) throw new AppError("conflict", refusal);
    await tx.update(workspaces).set({ plan }).where(eq(workspaces.id, workspaceId));
    await recordActivity(tx, {
      workspaceId,
      actorMemberId,
      type: "plan.changed",
      data: { from: planLabels[workspace.plan], to: planLabels[plan] },
    });
  });
}
