import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

/**
 * A web chat visitor's token: `${visitorId}.${workspacePublicId}.${hmac}`. The HMAC-SHA256
 * (key derived from AUTH_SECRET) covers both ids, so nobody can mint a token for a visitor
 * id they guessed, nor carry one to another workspace. Base64url and hex never hold a dot.
 */
const VISITOR_ID_BYTES = 18;
const VISITOR_ID = /^[A-Za-z0-9_-]{22,64}$/;
const PUBLIC_ID = /^[A-Za-z0-9_-]{1,64}$/;

let cachedKey: { secret: string; key: Buffer } | null = null;

function key(): Buffer {
  const secret = authSecret();
  if (cachedKey?.secret !== secret) {
    // A key of its own, so a widget token can never stand in for another signed value.
    const derived = createHmac("sha256", secret).update("switchboard:widget-visitor:v1").digest();
    cachedKey = { secret, key: derived };
  }
  return cachedKey.key;
}

function sign(visitorId: string, publicId: string): Buffer {
  return createHmac("sha256", key()).update(`${visitorId}.${publicId}`).digest();
}

export function signVisitorToken({
  visitorId,
  publicId,
}: {
  visitorId: string;
  publicId: string;
}): string {
  return `${visitorId}.${publicId}.${sign(visitorId, publicId).toString("base64url")}`;
}

/** A new visitor: a random id (18 bytes) and its token for this workspace. */
export function issueVisitor(publicId: string): { visitorId: string; token: string } {
  const visitorId = randomBytes(VISITOR_ID_BYTES).toString("base64url");
  return { visitorId, token: signVisitorToken({ visitorId, publicId }) };
}

/**
 * The visitor id a token carries, or null when the token is malformed, forged, or was
 * issued for another workspace.
 */
export function verifyVisitorToken(token: string, publicId: string): string | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [visitorId = "", tokenPublicId = "", signature = ""] = parts;
  if (!VISITOR_ID.test(visitorId) || !PUBLIC_ID.test(tokenPublicId)) return null;
  if (tokenPublicId !== publicId) return null;
  const given = Buffer.from(signature, "base64url");
  const expected = sign(visitorId, tokenPublicId);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return visitorId;
}
