import "server-only";
import { randomBytes } from "node:crypto";
import { openVisitorSeal, sealVisitor } from "./visitor-seal";

/**
 * A web chat visitor's token: `${visitorId}.${workspacePublicId}.${issued}.${hmac}`, `issued`
 * being the issue time in whole seconds (base 36). The HMAC-SHA256 (key derived from
 * AUTH_SECRET) covers all three, so nobody can mint a token for a visitor id they guessed,
 * carry one to another workspace, or make one younger. A token lives `VISITOR_TOKEN_MAX_AGE_MS`
 * from issue; each visit renews it (start-widget-session.ts), so a returning visitor keeps
 * their conversation while a token left in a log or an old browser stops working. Base64url,
 * base 36 and hex never hold a dot.
 */
const VISITOR_ID_BYTES = 18;
export const VISITOR_TOKEN_MAX_AGE_MS = 90 * 24 * 3600 * 1000;
/** Clocks of several app instances may disagree this much. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

// v2: tokens carry their issue time; v1 tokens, which never expired, no longer verify.
const PURPOSE = "switchboard:widget-visitor:v2";

export function signVisitorToken({
  visitorId,
  publicId,
  issuedAt,
}: {
  visitorId: string;
  publicId: string;
  issuedAt: Date;
}): string {
  return sealVisitor(PURPOSE, { visitorId, publicId, at: issuedAt });
}

/** A new visitor: a random id (18 bytes) and its token for this workspace. */
export function issueVisitor(
  publicId: string,
  issuedAt = new Date(),
): { visitorId: string; token: string } {
  const visitorId = randomBytes(VISITOR_ID_BYTES).toString("base64url");
  return { visitorId, token: signVisitorToken({ visitorId, publicId, issuedAt }) };
}

/**
 * The visitor id a token carries, or null when the token is malformed, forged, expired, or
 * was issued for another workspace.
 */
export function verifyVisitorToken(
  token: string,
  publicId: string,
  now = new Date(),
): string | null {
  const opened = openVisitorSeal(PURPOSE, token, publicId);
  if (!opened) return null;
  const age = now.getTime() - opened.atMs;
  if (age > VISITOR_TOKEN_MAX_AGE_MS || age < -CLOCK_SKEW_MS) return null;
  return opened.visitorId;
}
