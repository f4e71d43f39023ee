import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { lockRouting } from "@/lib/assignment/routing-lock";
import { setMemberAvailability } from "@/lib/assignment/set-member-availability";
import { lockWorkspace } from "@/lib/members/lock-workspace";
import { makeWorkspace } from "../support/factories";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Lock order: a removal holds the workspace row and then takes the routing lock; a status
 * change holds the routing lock and then inserts rows referencing the workspace (which need
 * a key-share lock on its row). With FOR UPDATE on the workspace row these deadlocked.
 */
describe("the workspace lock", () => {
  it("lets a removal's lock order and a status change both finish", async () => {
    const db = await getDb();
    const { workspace, others } = await makeWorkspace(["agent"]);
    const agent = others[0];
    if (!agent) throw new Error("no agent");
    const removal = db.transaction(async (tx) => {
      await lockWorkspace(tx, workspace.id); // as removeMember / leaveWorkspace do first
      await sleep(400);
      await lockRouting(tx, workspace.id); // ... then the routing lock
      return "removal ok";
    });
    await sleep(100);
    const availability = setMemberAvailability(db, {
      workspace,
      memberId: agent.member.id,
      actorMemberId: agent.member.id,
      change: { status: "online" },
    }).then(() => "availability ok");
    const results = await Promise.allSettled([removal, availability]);
    console.log(
      JSON.stringify(
        results.map((r) =>
          r.status === "fulfilled"
            ? r.value
            : `${(r.reason as { cause?: { code?: string; message?: string } }).cause?.code} ${(r.reason as { cause?: { message?: string } }).cause?.message}`,
        ),
      ),
    );
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
  });
});
