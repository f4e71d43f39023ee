/** After this many failed tries a retryable error is given up on and the row marked failed. */
export const maxDeliveryAttempts = 8;

const baseDelayMs = 5_000;
const maxDelayMs = 15 * 60_000;

/**
 * Exponential backoff with jitter (5 s, 10 s, 20 s … capped at 15 min; each between half and
 * all of that), so deliverers on several instances do not retry in lockstep. The eight tries
 * span about half an hour, long enough to ride out a provider incident.
 */
export function exponentialBackoff(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** A `retry-after` header (seconds or an HTTP date) as a delay in ms, or null when unusable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(maxDelayMs, Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.min(maxDelayMs, Math.max(0, at - now.getTime()));
}
