import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { members, users } from "@/db/schema";

/** A member's name as history shows it (removed members keep theirs). */
export async function memberName(tx: Database, memberId: string): Promise<string> {
  const [row] = await tx
    .select({ name: sql<string>`coalesce(${users.name}, ${users.email})` })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.id, memberId));
  return row?.name ?? "Someone";
}
