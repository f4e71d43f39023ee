import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { notFound } from "@/lib/errors";

/**
 * Revokes a key of this workspace: its next request is refused. Revoking twice is a no-op;
 * another workspace's key answers 404 and stays untouched.
 */
export async function revokeApiKey(
  db: Database,
  {
    workspaceId,
    apiKeyId,
    now = new Date(),
  }: { workspaceId: string; apiKeyId: string; now?: Date },
): Promise<{ id: string; name: string }> {
  const [revoked] = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(
      and(
        eq(apiKeys.id, apiKeyId),
        eq(apiKeys.workspaceId, workspaceId),
        isNull(apiKeys.revokedAt),
      ),
    )
    .returning({ id: apiKeys.id, name: apiKeys.name });
  if (revoked) return revoked;
  const [existing] = await db
    .select({ id: apiKeys.id, name: apiKeys.name })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, apiKeyId), eq(apiKeys.workspaceId, workspaceId)));
  if (!existing) throw notFound("That API key");
  return existing;
}

/**
 * Revokes the keys a member made, in the caller's transaction, when they lose the right to
 * manage the workspace (removed, left, or no longer an Admin): they saw each key when they
 * made it, so a key they kept would be their access after it ended. The remaining Admins
 * see them as revoked in Settings → API keys and make new ones for the integrations.
 * Returns the revoked keys' names.
 */
export async function revokeKeysMadeBy(
  tx: Database,
  { workspaceId, memberId, now }: { workspaceId: string; memberId: string; now: Date },
): Promise<string[]> {
  const revoked = await tx
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(
      and(
        eq(apiKeys.workspaceId, workspaceId),
        eq(apiKeys.createdById, memberId),
        isNull(apiKeys.revokedAt),
      ),
    )
    .returning({ name: apiKeys.name });
  return revoked.map((key) => key.name);
}
