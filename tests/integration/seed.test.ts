import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
// On PGlite this process already holds its own data directory, so the seed gets another.
const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-seed-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function seed() {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  const result = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "db/seed.ts"],
    { cwd: root, env, encoding: "utf8" },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm run db:seed", () => {
  it("creates the demo workspace once, prints the admin login, then refuses", () => {
    const first = seed();
    expect(first.output).toContain(
      'Seeded "Acme Support" at /acme-support: 7 members, 2 teams, 12 conversations, 1 AI agent.',
    );
    expect(first.output).toContain(
      'Sign in as dana@acme.test with password "switchboard-demo" (Admin).',
    );
    expect(first.status).toBe(0);

    const second = seed();
    expect(second.status).toBe(1);
    expect(second.output).toContain(
      'The demo workspace "Acme Support" already exists at /acme-support; nothing changed.',
    );
  }, 60_000);
});
