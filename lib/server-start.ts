import "server-only";
import { getConnection } from "@/db/client";
import { startAgentWorker } from "@/lib/agents/agent-worker";
import { describeResponder, responderFromEnv } from "@/lib/agents/responder-config";
import { startEmailDeliverer } from "@/lib/email/deliverer";
import { devMailboxEnabled } from "@/lib/email/dev-mailbox";
import { startAssignmentMailer } from "@/lib/notifications/email-assignments";
import { startAutoAway } from "@/lib/realtime/auto-away";
import { realtimeHub } from "@/lib/realtime/hub";
import { pusherServerConfig } from "@/lib/realtime/pusher-config";
import { trustedProxyHops } from "@/lib/request-ip";

export async function startServer(): Promise<void> {
  // Settings read per request fail here, at boot, with their name, not on every sign-in.
  trustedProxyHops();
  const connection = await getConnection();
  console.info(`[switchboard] database ready (${connection.driver}); migrations applied`);
  startEmailDeliverer();
  startAssignmentMailer();
  startAutoAway();
  const responder = responderFromEnv();
  await startAgentWorker({ db: connection.db, responder });
  console.info(`[switchboard] ${describeResponder()}`);
  // Every instance listens: it serves its own streams and, with Pusher, shares the relaying.
  await realtimeHub().start();
  console.info(
    pusherServerConfig()
      ? "[switchboard] live updates: Pusher (PUSHER_* set)"
      : "[switchboard] live updates: built-in (Server-Sent Events over LISTEN/NOTIFY)",
  );
  if (!process.env.RESEND_API_KEY) {
    console.info(
      devMailboxEnabled()
        ? "[switchboard] RESEND_API_KEY not set: emails go to the dev mailbox at /dev/mailbox"
        : "[switchboard] RESEND_API_KEY not set: emails stay queued in email_outbox until it is",
    );
  }
}
