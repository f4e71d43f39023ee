import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-lock-"));
const children: ChildProcess[] = [];

/** Runs the opener in a separate process; resolves on "opened" or on exit with its stderr. */
function openInChild(): Promise<{ child: ChildProcess; opened: boolean; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  // node itself (not npx): the pid we kill must be the one holding the lock.
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/open-embedded-db.ts"], {
    cwd: root,
    env,
  });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("opened")) resolve({ child, opened: true, stderr });
    });
    child.on("exit", () => resolve({ child, opened: false, stderr }));
  });
}

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("embedded database lock", () => {
  it("refuses a second process and names the one holding it; a dead holder's lock is taken over", async () => {
    const first = await openInChild();
    expect(first.opened).toBe(true);
    const lockFile = path.join(dataDir, "pglite.lock");
    expect(readFileSync(lockFile, "utf8")).toMatch(/^\d+$/);
    const holder = Number(readFileSync(lockFile, "utf8"));

    const second = await openInChild();
    expect(second.opened).toBe(false);
    expect(second.stderr).toContain(
      `the embedded database is in use by process ${holder}; stop it or set DATABASE_URL`,
    );

    // A crash leaves the lock file behind; the next process sees its holder is gone.
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    expect(existsSync(lockFile)).toBe(true);
    const third = await openInChild();
    expect(third.opened).toBe(true);
  }, 90_000);
});
