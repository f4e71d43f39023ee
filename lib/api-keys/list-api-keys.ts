import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys, members, users } from "@/db/schema";

/** The workspace's active keys, newest first, with who created them. Never the hash. */
export async function listApiKeys(db: Database, workspaceId: string) {
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      creatorName: users.name,
      creatorEmail: users.email,
    })
    .from(apiKeys)
    .leftJoin(members, eq(members.id, apiKeys.createdById))
    .leftJoin(users, eq(users.id, members.userId))
    .where(and(eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map(({ creatorName, creatorEmail, ...row }) => ({
    ...row,
    createdBy: creatorName ?? creatorEmail ?? null,
  }));
}
export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];
