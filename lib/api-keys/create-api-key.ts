import "server-only";
import type { Database } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { newApiKey } from "./api-key-token";
import type { CreateApiKeyInput } from "./schemas";

/**
 * A new key for the workspace. The raw key is returned this once and never stored; the
 * caller shows it to the person who asked for it and forgets it.
 */
export async function createApiKey(
  db: Database,
  {
    workspaceId,
    createdById,
    name,
  }: CreateApiKeyInput & { workspaceId: string; createdById: string | null },
): Promise<{ key: string; apiKey: { id: string; name: string; prefix: string; createdAt: Date } }> {
  const { key, keyHash, prefix } = newApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ workspaceId, createdById, name, prefix, keyHash })
    .returning({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
    });
  if (!row) throw new Error("api key insert returned nothing");
  return { key, apiKey: row };
}
