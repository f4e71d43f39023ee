// Opens the embedded database in DATA_DIR, says "opened", and holds it until killed.
import { getConnection } from "@/db/client";

delete process.env.DATABASE_URL;
getConnection().then(
  () => {
    console.log("opened");
    setInterval(() => undefined, 60_000);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(3);
  },
);
