import "server-only";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type ApiKey, apiKeys, type Workspace, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { hashApiKey } from "./api-key-token";

const LAST_USED_GRANULARITY_MS = 60_000;

const missingKey = () =>
  new AppError(
    "unauthenticated",
    "Send an API key as 'Authorization: Bearer <key>'. Create one in Settings → API keys.",
  );

/**
 * The key in an `Authorization: Bearer …` header → the active key and its workspace. The
 * key is found by its SHA-256, so no comparison of secrets can leak timing. "Last used" is
 * written at most once a minute per key, so busy integrations do not write on every call.
 */
export async function authenticateApiKey(
  db: Database,
  authorization: string | null,
  now = new Date(),
): Promise<{ apiKey: ApiKey; workspace: Workspace }> {
  const key = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!key) throw missingKey();
  const [row] = await db
    .select({ apiKey: apiKeys, workspace: workspaces })
    .from(apiKeys)
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(eq(apiKeys.keyHash, hashApiKey(key)));
  if (!row) throw missingKey();
  if (row.apiKey.revokedAt) throw new AppError("unauthenticated", "This API key was revoked.");
  await touchLastUsed(db, row.apiKey, now);
  return row;
}

async function touchLastUsed(db: Database, apiKey: ApiKey, now: Date): Promise<void> {
  const stale = new Date(now.getTime() - LAST_USED_GRANULARITY_MS);
  if (apiKey.lastUsedAt && apiKey.lastUsedAt > stale) return;
  // The condition repeats in SQL so concurrent requests write once, not once each.
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(
      and(eq(apiKeys.id, apiKey.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))),
    );
  apiKey.lastUsedAt = now;
}
