// GET /api/health — liveness with the database driver; 503 when the database does not answer
import { register } from "@/lib/auth/registry";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";
register({ kind: "route", name: "GET /api/health", access: "public" });

export async function GET() {
  const health = await checkHealth();
  return Response.json(health, {
    status: health.ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
