import "server-only";
import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "sb_live_";

/** What a list shows of a key: the fixed prefix and four characters, enough to tell keys apart. */
const DISPLAY_LENGTH = API_KEY_PREFIX.length + 4;

/**
 * 32 random bytes after a recognisable prefix (so secret scanners and people can tell what
 * leaked). Only the SHA-256 is stored: a database leak opens no door.
 */
export function newApiKey(): { key: string; keyHash: string; prefix: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, keyHash: hashApiKey(key), prefix: key.slice(0, DISPLAY_LENGTH) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}
