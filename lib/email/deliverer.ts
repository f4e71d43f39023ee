import "server-only";
import { kickEmailDelivery } from "./kick-email-delivery";

const store = globalThis as typeof globalThis & {
  __switchboardEmailDeliverer?: ReturnType<typeof setInterval>;
};

/**
 * Polls the outbox so retries happen once their backoff has passed, and mail written by a
 * process that died before its kick still goes out. Idempotent per process; the timer does
 * not keep the process alive.
 */
export function startEmailDeliverer(intervalMs = 5_000): void {
  if (store.__switchboardEmailDeliverer) return;
  const timer = setInterval(kickEmailDelivery, intervalMs);
  timer.unref();
  store.__switchboardEmailDeliverer = timer;
  kickEmailDelivery();
}

export function stopEmailDeliverer(): void {
  clearInterval(store.__switchboardEmailDeliverer);
  store.__switchboardEmailDeliverer = undefined;
}
