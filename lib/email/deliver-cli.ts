// `npm run email:deliver`: delivers the outbox rows that are due, once, and prints the counts.
// Runs under `--conditions=react-server`, as Next runs server code, so `server-only` resolves.
import { closeDb } from "@/db/client";
import { deliverPendingEmails } from "./deliver-pending-emails";

try {
  const { sent, retried, failed } = await deliverPendingEmails({ limit: 100 });
  console.log(`email: ${sent} sent, ${retried} to retry, ${failed} failed`);
} catch (error) {
  console.error("email: delivery failed", error);
  process.exitCode = 1;
} finally {
  await closeDb();
}
