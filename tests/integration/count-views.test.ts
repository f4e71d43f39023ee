import { beforeAll, describe, expect, it } from "vitest";
import { teamMembers, teams } from "@/db/schema";
import { countViews } from "@/lib/conversations/count-views";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { type AssignmentWorld, buildWorld, viewerOf, who } from "../support/assignment-world";

/**
 * View counts stop at 99 ("99+"), and an Agent's views add up disjoint branches of their scope
 * (their team's queue, the no-team queue, their own): the sum is capped, not each branch.
 */

let world: AssignmentWorld;
let teamId: string;

async function arrivals(count: number, team: string | null, label: string) {
  for (let n = 0; n < count; n++) {
    await receiveInboundMessage(world.db, {
      workspaceId: world.workspaceId,
      channel: "api",
      handle: `${label}-${n}`,
      body: "Hello",
      teamId: team,
    });
  }
}

beforeAll(async () => {
  world = await buildWorld({ people: { Sam: "agent" } });
  const [team] = await world.db
    .insert(teams)
    .values({ workspaceId: world.workspaceId, name: "Support" })
    .returning();
  if (!team) throw new Error("team insert returned nothing");
  teamId = team.id;
  await world.db.insert(teamMembers).values({ teamId, memberId: who(world, "Sam").member.id });
  await arrivals(60, teamId, "team");
  await arrivals(45, null, "queue");
}, 120_000);

describe("countViews", () => {
  it("caps the sum of an Agent's branches at 99 and counts a small view exactly", async () => {
    const counts = await countViews(world.db, await viewerOf(world, "Sam"));
    const byLabel = Object.fromEntries(counts.map((c) => [c.label, [c.count, c.capped]]));
    // Unassigned = 60 in Support + 45 without a team = 105: shown as 99+.
    expect(byLabel).toEqual({
      Mine: [0, false],
      Unassigned: [99, true],
      Support: [60, false],
      "AI-handled": [0, false],
      Closed: [0, false],
    });
    const admin = await countViews(world.db, await viewerOf(world));
    expect(Object.fromEntries(admin.map((c) => [c.label, [c.count, c.capped]]))).toMatchObject({
      All: [99, true],
      Unassigned: [99, true],
    });
  });
});
