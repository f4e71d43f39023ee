import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { closeDb } from "@/db/client";
import { stopBoss } from "@/lib/jobs/boss";

const databaseUrl = inject("databaseUrl");
if (databaseUrl) {
  process.env.DATABASE_URL = databaseUrl;
} else {
  delete process.env.DATABASE_URL;
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-pglite-"));
  process.env.DATA_DIR = dir;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
}
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret";
// Links in emails are built from it (lib/app-url.ts); there is no request to read a host from.
process.env.AUTH_URL ??= "http://switchboard.test";

afterAll(async () => {
  await stopBoss();
  await closeDb();
});
