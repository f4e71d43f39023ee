import "server-only";
import { deliverPendingEmails } from "./deliver-pending-emails";

interface KickState {
  running: Promise<void> | null;
  again: boolean;
}

// On globalThis: Next gives route handlers, server actions and instrumentation their own
// module instances, and "one run at a time" has to hold for the whole process.
const store = globalThis as typeof globalThis & { __switchboardEmailKick?: KickState };

function kickState(): KickState {
  store.__switchboardEmailKick ??= { running: null, again: false };
  return store.__switchboardEmailKick;
}

/**
 * Starts delivering the outbox in the background; call it right after the transaction that
 * wrote the email commits. Never throws. Kicks during a run are folded into one more run
 * afterwards, so a burst of commits costs at most two runs.
 */
export function kickEmailDelivery(): void {
  const state = kickState();
  if (state.running) {
    state.again = true;
    return;
  }
  state.running = drain(state);
}

/** Resolves once no kicked run is in progress (for scripts and tests). */
export async function emailDeliveryIdle(): Promise<void> {
  await kickState().running;
}

async function drain(state: KickState): Promise<void> {
  try {
    do {
      state.again = false;
      try {
        await deliverPendingEmails();
      } catch (error) {
        console.error("[email] delivery run failed; the deliverer will retry", error);
      }
    } while (state.again);
  } finally {
    state.running = null;
  }
}
