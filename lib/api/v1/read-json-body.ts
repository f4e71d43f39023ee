import { readLimitedText } from "@/lib/api/read-limited-body";
import { AppError } from "@/lib/errors";

/** Far above any valid request (a message is at most 4,000 characters). */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The request's JSON body; anything that is not JSON is a 422 that says what to send, and so is
 * a body over 64 KB (refused by its declared length, or as soon as more arrives).
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const tooLarge = () =>
    new AppError("validation", "That request body is too large: send at most 64 KB of JSON.");
  const text = await readLimitedText(request, MAX_BODY_BYTES);
  if (text === null) throw tooLarge();
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(
      "validation",
      "Send a JSON body with 'Content-Type: application/json' (see /api/v1/openapi.json).",
    );
  }
}
