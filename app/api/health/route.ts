// GET /api/health — liveness with the database driver; 503 when the database does not answer
import { publicRoute } from "@/lib/api/route";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export const GET = publicRoute({ name: "GET /api/health" }, async () => {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
});
