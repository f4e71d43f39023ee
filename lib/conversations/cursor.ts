/** A list position: the last row's activity time and id, opaque to clients. */
export interface Cursor {
  at: Date;
  id: string;
}

export function encodeCursor({ at, id }: Cursor): string {
  return Buffer.from(JSON.stringify([at.getTime(), id])).toString("base64url");
}

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [time, id] = value;
    if (typeof time !== "number" || typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id))
      return null;
    return { at: new Date(time), id };
  } catch {
    return null;
  }
}
