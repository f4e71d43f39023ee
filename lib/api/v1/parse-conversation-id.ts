import { notFound } from "@/lib/errors";
import { conversationIdParamSchema } from "./schemas";

/** A path id that is not even a UUID names no conversation: 404, like a foreign one. */
export function parseConversationId(raw: string | undefined): string {
  const parsed = conversationIdParamSchema.safeParse(raw);
  if (!parsed.success) throw notFound("That conversation");
  return parsed.data;
}
