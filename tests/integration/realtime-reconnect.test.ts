import { sql } from "drizzle-orm";
import { describe, it } from "vitest";
import { databaseDriver, getDb } from "@/db/client";
import { emit } from "@/lib/realtime/emit";
import { type DeliveredRow, realtimeHub } from "@/lib/realtime/hub";
import { makeWorkspace } from "../support/factories";

const postgres = databaseDriver() === "postgres";

async function until(check: () => boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The hub's LISTEN connection dropping must not stop live updates (nor crash the process). */
describe.skipIf(!postgres)(
  "realtime hub on PostgreSQL (PGlite has no separate connection to lose)",
  () => {
    it("listens again after its connection is killed and keeps delivering", async () => {
      const db = await getDb();
      const { workspace } = await makeWorkspace();
      const hub = realtimeHub();
      await hub.start();
      const received: DeliveredRow[] = [];
      const stop = hub.subscribe({
        workspaceId: workspace.id,
        receive: (row) => received.push(row),
      });
      const send = () =>
        emit(db, {
          workspaceId: workspace.id,
          audience: { kind: "workspace" },
          event: { type: "access.changed" },
        });
      await send();
      await until(() => received.length === 1);

      await db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'LISTEN %' and pid <> pg_backend_pid()`,
      );
      // The listener reconnects a moment after the drop; from then on events flow again.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await send();
      await until(() => received.length === 2);
      stop();
    });
  },
);
