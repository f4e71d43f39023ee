// Any method on a path under /api/v1 that no endpoint answers: a JSON 404 like every other
// API error, pointing at the OpenAPI document, instead of Next's HTML page.
import { jsonError, publicRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";

const unknownEndpoint = publicRoute({ name: "ANY /api/v1/*" }, async (request: Request) => {
  const { pathname } = new URL(request.url);
  return jsonError(
    new AppError(
      "not_found",
      `There is no ${request.method} ${pathname}. The endpoints are listed at /api/v1/openapi.json.`,
    ),
    "ANY /api/v1/*",
  );
});

export const GET = unknownEndpoint;
export const POST = unknownEndpoint;
export const PUT = unknownEndpoint;
export const PATCH = unknownEndpoint;
export const DELETE = unknownEndpoint;
