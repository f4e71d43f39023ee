"use server";

import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { apiKeyIdSchema, createApiKeySchema } from "@/lib/api-keys/schemas";
import { workspaceAction } from "@/lib/auth/actions";
import { revalidate } from "@/lib/revalidate";

const apiKeysPath = (slug: string) => `/${slug}/settings/api-keys`;

/** Returns the raw key: the one time anyone sees it. */
export const createApiKeyAction = workspaceAction(
  { name: "apiKeys.create", permission: "workspace.manage", schema: createApiKeySchema },
  async (input, { db, workspace, member }) => {
    const { key, apiKey } = await createApiKey(db, {
      workspaceId: workspace.id,
      createdById: member.id,
      ...input,
    });
    revalidate(apiKeysPath(workspace.slug));
    return { key, id: apiKey.id, name: apiKey.name, prefix: apiKey.prefix };
  },
);

export const revokeApiKeyAction = workspaceAction(
  { name: "apiKeys.revoke", permission: "workspace.manage", schema: apiKeyIdSchema },
  async ({ apiKeyId }, { db, workspace }) => {
    const revoked = await revokeApiKey(db, { workspaceId: workspace.id, apiKeyId });
    revalidate(apiKeysPath(workspace.slug));
    return revoked;
  },
);
