import { z } from "zod";

export const apiKeyNameSchema = z
  .string({ error: "Name the key." })
  .trim()
  .min(1, { error: "Name the key." })
  .max(60, { error: "Keep the name to 60 characters or fewer." });

export const createApiKeySchema = z.object({ name: apiKeyNameSchema });
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

export const apiKeyIdSchema = z.object({
  apiKeyId: z.uuid({ error: "That API key does not exist or you do not have access to it." }),
});
