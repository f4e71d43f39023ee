/** A member's capacity, as typed in Settings → Members. Pure: the form and the server share it. */

export const MAX_CAPACITY = 999;
export const capacityMessage = `Capacity is a whole number from 1 to ${MAX_CAPACITY}, or empty for no limit.`;

export type ParsedCapacity = { ok: true; value: number | null } | { ok: false; message: string };

/** Empty (or null) is unlimited; otherwise a whole number from 1. "2.5", "0", "-1", "ten" are not. */
export function parseCapacity(raw: string | number | null): ParsedCapacity {
  const text = raw === null ? "" : String(raw).trim();
  if (text === "") return { ok: true, value: null };
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || value < 1 || value > MAX_CAPACITY) {
    return { ok: false, message: capacityMessage };
  }
  return { ok: true, value };
}

/** What lowering capacity below the current load means, in one sentence. */
export function overCapacityNote({
  name,
  open,
  capacity,
}: {
  name: string;
  open: number;
  capacity: number;
}): string {
  return `${name} keeps the ${open} open conversation${open === 1 ? "" : "s"}; routing sends no more until below ${capacity}.`;
}
