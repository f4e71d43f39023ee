/** Runs once when a server instance starts: open the database (applying migrations) and start the mail deliverer. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server-start");
  await startServer();
}
