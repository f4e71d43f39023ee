import type { TestProject } from "vitest/node";
import { createTestDatabase, dropTestDatabase, postgresReachable } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string | null;
  }
}

/**
 * One fresh database per run: on the PostgreSQL server when one answers (or
 * TEST_DB_DRIVER=postgres demands it), otherwise embedded PGlite, one data directory per
 * test file (see integration-setup.ts). TEST_DB_DRIVER=pglite forces the PGlite pass.
 */
export default async function setup(project: TestProject) {
  const wanted = process.env.TEST_DB_DRIVER;
  const usePostgres = wanted === "postgres" || (wanted !== "pglite" && (await postgresReachable()));
  if (!usePostgres) {
    console.log("[tests] integration database: embedded PGlite");
    project.provide("databaseUrl", null);
    return;
  }
  const url = await createTestDatabase();
  console.log(`[tests] integration database: ${new URL(url).pathname.slice(1)} on PostgreSQL`);
  project.provide("databaseUrl", url);
  return async () => {
    if (process.env.KEEP_TEST_DATABASE !== "1") await dropTestDatabase(url);
  };
}
