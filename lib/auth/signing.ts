import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { authSecret } from "./secret";

const keys = new Map<string, { secret: string; key: Buffer }>();

/**
 * A key of its own for each kind of signed value, derived from AUTH_SECRET: a value signed for
 * one purpose (a visitor token) never verifies as another (a stream ticket).
 */
function derivedKey(purpose: string): Buffer {
  const secret = authSecret();
  const cached = keys.get(purpose);
  if (cached?.secret === secret) return cached.key;
  const key = createHmac("sha256", secret).update(purpose).digest();
  keys.set(purpose, { secret, key });
  return key;
}

/** HMAC-SHA256 of `text` under the purpose's key. */
export function sign(purpose: string, text: string): Buffer {
  return createHmac("sha256", derivedKey(purpose)).update(text).digest();
}

/** Whether `signature` (base64url) is the purpose's signature of `text`, in constant time. */
export function signatureMatches(purpose: string, text: string, signature: string): boolean {
  const given = Buffer.from(signature, "base64url");
  const expected = sign(purpose, text);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
