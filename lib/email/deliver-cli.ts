// `npm run email:deliver`: delivers the outbox rows that are due, once, and prints the counts.
import { register } from "node:module";

// The email modules import "server-only", which throws unless resolved under the
// "react-server" condition that Next applies to server code. This script is server code,
// so it resolves that one package the way Next does.
const resolveServerOnly = `export async function resolve(specifier, context, next) {
  if (specifier !== "server-only") return next(specifier, context);
  return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}`;
register(`data:text/javascript,${encodeURIComponent(resolveServerOnly)}`);

const { closeDb } = await import("@/db/client");
const { deliverPendingEmails } = await import("./deliver-pending-emails");

try {
  const { sent, retried, failed } = await deliverPendingEmails({ limit: 100 });
  console.log(`email: ${sent} sent, ${retried} to retry, ${failed} failed`);
} catch (error) {
  console.error("email: delivery failed", error);
  process.exitCode = 1;
} finally {
  await closeDb();
}
