import "server-only";
import { sign, signatureMatches } from "@/lib/auth/signing";

/*
 * The shape both of a visitor's signed values take (the visitor token, the stream ticket):
 * `${visitorId}.${workspacePublicId}.${seconds}.${hmac}`, `seconds` a time in whole seconds
 * (base 36) whose meaning is the caller's (issued, expires), the HMAC under the caller's
 * purpose (lib/auth/signing.ts), so one kind never verifies as the other. Base64url, base 36
 * and hex never hold a dot.
 */
const VISITOR_ID = /^[A-Za-z0-9_-]{22,64}$/;
const PUBLIC_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SECONDS = /^[0-9a-z]{1,10}$/;

export function sealVisitor(
  purpose: string,
  { visitorId, publicId, at }: { visitorId: string; publicId: string; at: Date },
): string {
  const seconds = Math.floor(at.getTime() / 1000).toString(36);
  const signature = sign(purpose, `${visitorId}.${publicId}.${seconds}`).toString("base64url");
  return `${visitorId}.${publicId}.${seconds}.${signature}`;
}

/**
 * The visitor id and time (ms) a sealed value carries, or null when it is malformed, forged
 * or sealed for another workspace.
 */
export function openVisitorSeal(
  purpose: string,
  value: string,
  publicId: string,
): { visitorId: string; atMs: number } | null {
  const parts = value.split(".");
  if (parts.length !== 4) return null;
  const [visitorId = "", sealedPublicId = "", seconds = "", signature = ""] = parts;
  if (!VISITOR_ID.test(visitorId) || !PUBLIC_ID.test(sealedPublicId) || !SECONDS.test(seconds)) {
    return null;
  }
  if (sealedPublicId !== publicId) return null;
  if (!signatureMatches(purpose, `${visitorId}.${sealedPublicId}.${seconds}`, signature)) {
    return null;
  }
  return { visitorId, atMs: Number.parseInt(seconds, 36) * 1000 };
}
