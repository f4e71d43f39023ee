import { afterAll, describe, expect, it } from "vitest";
import { closeDb, databaseDriver, getConnection } from "@/db/client";
import { checkHealth } from "@/lib/health";

describe("health", () => {
  const original = process.env.DATABASE_URL;
  afterAll(async () => {
    await closeDb();
    if (original === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = original;
  });

  it("reports the driver in use when the database answers", async () => {
    // Opening (and migrating) a fresh embedded database can outlast the probe's timeout on a
    // busy machine; the server opens it at start, before any probe arrives.
    await getConnection();
    const health = await checkHealth();
    expect(health).toMatchObject({
      ok: true,
      database: { driver: databaseDriver(), reachable: true },
    });
  });

  it("reports the database unreachable, without details, when it does not answer", async () => {
    await closeDb();
    // Nothing listens on port 1.
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/none";
    const health = await checkHealth(2_000);
    expect(health).toEqual({
      ok: false,
      database: { driver: "postgres", reachable: false, error: "database unreachable" },
    });
  });
});
