import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { databaseDriver, getConnection } from "@/db/client";

describe("database", () => {
  it("opens the configured driver with every migration applied", async () => {
    const connection = await getConnection();
    expect(connection.driver).toBe(databaseDriver());
    const result = await connection.db.execute<{ count: number }>(
      sql`select count(*)::int as count from information_schema.tables where table_name in ('users', 'workspaces', 'members', 'email_outbox')`,
    );
    expect(result.rows[0]?.count).toBe(4);
  });
});
