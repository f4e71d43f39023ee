import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { databaseDriver, getConnection } from "@/db/client";

describe("database", () => {
  it("opens the configured driver with every migration applied", async () => {
    const connection = await getConnection();
    expect(connection.driver).toBe(databaseDriver());
    const [row] = await connection.db
      .select({ count: sql<number>`count(*)::int` })
      .from(sql`information_schema.tables`)
      .where(sql`table_name in ('users', 'workspaces', 'members', 'email_outbox')`);
    expect(row?.count).toBe(4);
  });
});
