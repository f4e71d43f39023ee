import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberStatusChanges, members, workspaces } from "@/db/schema";
import { markAbsentMembersAway } from "@/lib/realtime/auto-away";
import { buildWorld, online, who } from "../support/assignment-world";

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

/** Members whose tabs have all been closed for two minutes become away (workspace setting). */
describe("auto-away", () => {
  it("sets away only members whose last live tab closed over two minutes ago, and records it", async () => {
    const world = await buildWorld({ people: { Gone: "agent", Here: "agent", Api: "agent" } });
    await online(world, "Gone", "Here", "Api");
    const set = (name: string, lastSeenLiveAt: Date | null) =>
      world.db
        .update(members)
        // They went online (5 minutes ago) before their tab last reported in.
        .set({ lastSeenLiveAt, statusChangedAt: minutesAgo(5) })
        .where(eq(members.id, who(world, name).member.id));
    await set("Gone", minutesAgo(3));
    await set("Here", minutesAgo(1));
    await set("Api", null);

    await markAbsentMembersAway(world.db);
    const status = async (name: string) =>
      (
        await world.db
          .select({ status: members.status })
          .from(members)
          .where(eq(members.id, who(world, name).member.id))
      )[0]?.status;
    expect(await status("Gone")).toBe("away");
    expect(await status("Here")).toBe("online");
    expect(await status("Api")).toBe("online");
    const recorded = await world.db
      .select({ status: memberStatusChanges.status, actor: memberStatusChanges.actorMemberId })
      .from(memberStatusChanges)
      .where(eq(memberStatusChanges.memberId, who(world, "Gone").member.id))
      // In the order they happened: without it the rows may come back in any order.
      .orderBy(asc(memberStatusChanges.createdAt));
    expect(recorded.at(-1)).toEqual({ status: "away", actor: null });
  });

  it("leaves everyone alone where the workspace turned auto-away off", async () => {
    const world = await buildWorld({ people: { Gone: "agent" } });
    await world.db
      .update(workspaces)
      .set({ autoAway: false })
      .where(eq(workspaces.id, world.workspaceId));
    await online(world, "Gone");
    await world.db
      .update(members)
      .set({ lastSeenLiveAt: minutesAgo(10), statusChangedAt: minutesAgo(20) })
      .where(eq(members.id, who(world, "Gone").member.id));
    await markAbsentMembersAway(world.db);
    const [row] = await world.db
      .select({ status: members.status })
      .from(members)
      .where(eq(members.id, who(world, "Gone").member.id));
    expect(row?.status).toBe("online");
  });
});
