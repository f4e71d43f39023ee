import "server-only";
import { closeDb, getConnection } from "@/db/client";
import { startAgentWorker } from "@/lib/agents/agent-worker";
import { describeResponder, responderFromEnv } from "@/lib/agents/responder-config";
import { startEmailDeliverer, stopEmailDeliverer } from "@/lib/email/deliverer";
import { devMailboxEnabled } from "@/lib/email/dev-mailbox";
import { stopBoss } from "@/lib/jobs/boss";
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
  stopOnSignals();
  if (process.env.NODE_ENV === "production" && process.env.DEV_MAILBOX === "true") {
    console.warn(
      "[switchboard] DEV_MAILBOX=true on a production build: /dev/mailbox shows every sign-in and invitation link to anyone who opens it. Use it only for local end-to-end runs, never on a reachable deployment.",
    );
  }
  if (!process.env.RESEND_API_KEY) {
    console.info(
      devMailboxEnabled()
        ? "[switchboard] RESEND_API_KEY not set: emails go to the dev mailbox at /dev/mailbox"
        : "[switchboard] RESEND_API_KEY not set: emails stay queued in email_outbox until it is",
    );
  }
}

/**
 * SIGTERM / SIGINT (a deploy, Ctrl-C): open live streams end — Next closes its HTTP server on
 * these signals, and an open Server-Sent Events response kept it waiting until the platform's
 * SIGKILL — then the pollers stop, pg-boss hands back its jobs, and the database closes (PGlite
 * cleanly, its lock released). Next's own handler exits the process once its server is closed.
 */
function stopOnSignals(): void {
  const store = globalThis as typeof globalThis & { __switchboardStopping?: boolean };
  if (store.__switchboardStopping !== undefined) return;
  store.__switchboardStopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (store.__switchboardStopping) return;
    store.__switchboardStopping = true;
    console.info(`[switchboard] ${signal}: closing live streams, jobs and the database`);
    realtimeHub().endAll();
    stopEmailDeliverer();
    void stopBoss()
      .catch((error: unknown) => console.error("[switchboard] stopping jobs failed", error))
      .then(() => closeDb())
      .catch((error: unknown) => console.error("[switchboard] closing the database failed", error));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
