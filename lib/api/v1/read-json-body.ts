import { AppError } from "@/lib/errors";

/** The request's JSON body; anything that is not JSON is a 422 that says what to send. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(
      "validation",
      "Send a JSON body with 'Content-Type: application/json' (see /api/v1/openapi.json).",
    );
  }
}
