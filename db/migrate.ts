// npm run db:migrate — applies pending migrations to DATABASE_URL or the embedded database.
import { closeDb, DatabaseLockedError, getConnection } from "./client";

async function main() {
  const connection = await getConnection();
  console.log(`Migrations applied (${connection.driver}).`);
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error instanceof DatabaseLockedError ? error.message : error);
  process.exit(1);
});
