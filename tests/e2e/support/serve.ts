// Starts the production build for the end-to-end tests against a fresh database.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createTestDatabase,
  dropTestDatabase,
  postgresReachable,
} from "../../support/test-database";

const port = process.env.E2E_PORT ?? "3100";
const root = path.resolve(import.meta.dirname, "../../..");

async function main() {
  if (process.env.E2E_SKIP_BUILD !== "1" && !existsSync(path.join(root, ".next", "BUILD_ID"))) {
    const build = spawnSync("npx", ["next", "build"], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: port,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-e2e",
    AUTH_URL: `http://localhost:${port}`,
    DEV_MAILBOX: "true",
  };
  delete env.RESEND_API_KEY;
  let cleanup: () => Promise<void>;
  if (await postgresReachable()) {
    const url = await createTestDatabase("switchboard_e2e");
    env.DATABASE_URL = url;
    // Tests that must age a row (an expired sign-in link) read the database from here.
    mkdirSync(path.join(root, ".test-results"), { recursive: true });
    writeFileSync(path.join(root, ".test-results", "e2e-database.json"), JSON.stringify({ url }));
    console.log(`[e2e] database ${new URL(url).pathname.slice(1)} on PostgreSQL`);
    cleanup = () => dropTestDatabase(url);
  } else {
    delete env.DATABASE_URL;
    rmSync(path.join(root, ".test-results", "e2e-database.json"), { force: true });
    const dir = mkdtempSync(path.join(tmpdir(), "switchboard-e2e-"));
    env.DATA_DIR = dir;
    console.log(`[e2e] embedded PGlite in ${dir}`);
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const server = spawn("npx", ["next", "start", "-p", port], { cwd: root, env, stdio: "inherit" });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.on("exit", async (code) => {
    await cleanup().catch((error: unknown) => console.error("[e2e] cleanup failed", error));
    process.exit(code ?? 0);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
