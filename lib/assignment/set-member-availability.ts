import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  type Member,
  type MemberStatus,
  memberStatusChanges,
  members,
  type Workspace,
} from "@/db/schema";
import { notFound } from "@/lib/errors";
import { drainQueue } from "./drain-queue";
import { lockRouting } from "./routing-lock";

export interface AvailabilityChange {
  status?: MemberStatus;
  acceptsChats?: boolean;
  /** Null = unlimited. */
  capacity?: number | null;
}

/**
 * Changes whether and how much a member can take: status, "accepts chats", capacity. The
 * change is recorded, and when it makes the member (more) available, waiting conversations
 * are routed in the same transaction — not by a later sweep.
 */
export async function setMemberAvailability(
  db: Database,
  {
    workspace,
    memberId,
    actorMemberId,
    change,
    now = new Date(),
  }: {
    workspace: Workspace;
    memberId: string;
    actorMemberId: string | null;
    change: AvailabilityChange;
    now?: Date;
  },
): Promise<{ member: Member; routed: number }> {
  return db.transaction(async (tx) => {
    await lockRouting(tx, workspace.id);
    const [current] = await tx
      .select()
      .from(members)
      .where(
        and(
          eq(members.id, memberId),
          eq(members.workspaceId, workspace.id),
          isNull(members.removedAt),
        ),
      )
      .for("update");
    if (!current) throw notFound("That member");
    const next = {
      status: change.status ?? current.status,
      acceptsChats: change.acceptsChats ?? current.acceptsChats,
      capacity: change.capacity === undefined ? current.capacity : change.capacity,
    };
    if (
      next.status === current.status &&
      next.acceptsChats === current.acceptsChats &&
      next.capacity === current.capacity
    ) {
      return { member: current, routed: 0 };
    }
    const [member] = await tx
      .update(members)
      .set({ ...next, ...(next.status !== current.status ? { statusChangedAt: now } : {}) })
      .where(eq(members.id, memberId))
      .returning();
    if (!member) throw notFound("That member");
    await tx.insert(memberStatusChanges).values({
      workspaceId: workspace.id,
      memberId,
      ...next,
      actorMemberId,
      createdAt: now,
    });
    const routed = (await drainQueue(tx, { workspace, now })).routed.length;
    return { member, routed };
  });
}
