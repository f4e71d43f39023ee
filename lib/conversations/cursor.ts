import { AppError } from "@/lib/errors";

/** A list position: the last row's activity time and id, opaque to clients. */
export interface Cursor {
  at: Date;
  id: string;
}

/** 9999-12-31T23:59:59.999Z. */
const MAX_TIME = 253_402_300_799_999;

/**
 * A list time (ms) both JavaScript and PostgreSQL hold: 1970 to 9999 (a list's times are all
 * after 1970). PostgreSQL refuses some dates JavaScript reads, and the query would fail.
 */
export const storableTime = (time: number) =>
  Number.isFinite(time) && time >= 0 && time <= MAX_TIME;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor({ at, id }: Cursor): string {
  return Buffer.from(JSON.stringify([at.getTime(), id])).toString("base64url");
}

/**
 * The position a cursor names; null without one. A cursor this app did not make (edited,
 * truncated) is a 422 that says to start again, never a query the database rejects.
 */
export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  const invalid = new AppError(
    "validation",
    "That page cursor is not valid: load the list again from its first page.",
    { cursor: "Not a cursor this list gave out." },
  );
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(value) || value.length !== 2) throw invalid;
  const [time, id] = value;
  if (typeof time !== "number" || typeof id !== "string" || !UUID.test(id)) throw invalid;
  if (!storableTime(time)) throw invalid;
  const at = new Date(time);
  return { at, id };
}
