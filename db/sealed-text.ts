import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { customType } from "drizzle-orm/pg-core";
import { authSecret } from "./secret";

const PREFIX = "sealed:v1:";
let cachedKey: { secret: string; key: Buffer } | null = null;

function key(): Buffer {
  const secret = authSecret();
  if (cachedKey?.secret !== secret) {
    cachedKey = {
      secret,
      key: createHash("sha256").update(`switchboard:sealed-text:${secret}`).digest(),
    };
  }
  return cachedKey.key;
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

export function unseal(stored: string): string {
  if (!stored.startsWith(PREFIX)) return stored;
  const raw = Buffer.from(stored.slice(PREFIX.length), "base64url");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    // Sealed under an AUTH_SECRET that has since changed: the content is gone for good.
    return "[sealed with a previous AUTH_SECRET; cannot be read]";
  }
}

/**
 * A text column encrypted at rest (AES-256-GCM, key derived from AUTH_SECRET). For bodies
 * that carry live secrets, such as emails with sign-in and invitation links: only hashes
 * of those tokens may be readable in the database.
 */
export const sealedText = customType<{ data: string; driverData: string }>({
  dataType: () => "text",
  toDriver: seal,
  fromDriver: unseal,
});
