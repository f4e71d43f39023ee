import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-lock-"));
const children: ChildProcess[] = [];

/** Runs the opener in a separate process; resolves on "opened" or on exit with its stderr. */
function openInChild(
  dir = dataDir,
): Promise<{ child: ChildProcess; opened: boolean; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
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

  it("lets exactly one of several processes starting at once take a dead holder's lock", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "switchboard-lock-race-"));
    try {
      // A process that has exited: its pid names nobody now.
      const dead = spawn(process.execPath, ["-e", ""]);
      await new Promise((resolve) => dead.once("exit", resolve));
      writeFileSync(path.join(dir, "pglite.lock"), String(dead.pid));
      const started = await Promise.all(Array.from({ length: 3 }, () => openInChild(dir)));
      expect(started.filter((s) => s.opened)).toHaveLength(1);
      for (const refused of started.filter((s) => !s.opened)) {
        expect(refused.stderr).toContain("the embedded database is in use by process");
      }
    } finally {
      for (const child of children) child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it("does not take a lock another process is still writing (an empty, fresh lock file)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "switchboard-lock-fresh-"));
    try {
      writeFileSync(path.join(dir, "pglite.lock"), "");
      // Before: read as no pid, so taken for a dead holder's and removed — two openers.
      const opener = await openInChild(dir);
      expect(opener.opened).toBe(false);
      expect(opener.stderr).toContain("is being taken by another process; try again in a moment");
    } finally {
      for (const child of children) child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it("takes over a lock file left empty long ago (a process that died while writing it)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "switchboard-lock-empty-"));
    try {
      const lock = path.join(dir, "pglite.lock");
      writeFileSync(lock, "");
      const old = new Date(Date.now() - 60_000);
      utimesSync(lock, old, old);
      expect((await openInChild(dir)).opened).toBe(true);
    } finally {
      for (const child of children) child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
