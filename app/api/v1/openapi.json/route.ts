// GET /api/v1/openapi.json — the inbound API's OpenAPI 3.1 document, generated from its zod schemas
import { publicRoute } from "@/lib/api/route";
import { openApiDocument } from "@/lib/api/v1/build-openapi-document";

export const GET = publicRoute({ name: "GET /api/v1/openapi.json" }, async () =>
  Response.json(openApiDocument(), {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  }),
);
