import "server-only";
import { getConnection } from "@/db/client";
import { startEmailDeliverer } from "@/lib/email/deliverer";
import { devMailboxEnabled } from "@/lib/email/dev-mailbox";

export async function startServer(): Promise<void> {
  const connection = await getConnection();
  console.info(`[switchboard] database ready (${connection.driver}); migrations applied`);
  startEmailDeliverer();
  if (!process.env.RESEND_API_KEY) {
    console.info(
      devMailboxEnabled()
        ? "[switchboard] RESEND_API_KEY not set: emails go to the dev mailbox at /dev/mailbox"
        : "[switchboard] RESEND_API_KEY not set: emails stay queued in email_outbox until it is",
    );
  }
}
