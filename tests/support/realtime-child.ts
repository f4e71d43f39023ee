/**
 * A second app instance for the two-process test: its own connection pool and realtime hub on
 * the same PostgreSQL database (DATABASE_URL), serving the built-in driver's streams over
 * HTTP (tests/support/realtime-sse-server.ts). Prints `{"url": …}` on one line when ready and
 * stops on SIGTERM or when its parent closes stdin.
 *
 *   npx tsx --conditions=react-server tests/support/realtime-child.ts
 */
import { closeDb, getDb } from "@/db/client";
import { realtimeHub } from "@/lib/realtime/hub";
import { startSseServer } from "./realtime-sse-server";

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is required");
  const db = await getDb();
  await realtimeHub().start();
  const server = await startSseServer(db);
  const stop = async () => {
    await server.close();
    await closeDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.stdin.on("end", () => void stop());
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
