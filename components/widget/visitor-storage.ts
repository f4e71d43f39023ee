/**
 * Where the widget keeps the visitor token between visits: localStorage and a cookie, so a
 * returning visitor keeps their conversation when either survives (some browsers clear or
 * partition one of them inside a third-party iframe). Storage that throws counts as empty.
 */
const YEAR_SECONDS = 365 * 24 * 3600;

export const visitorCookieName = (publicId: string) => `sb_visitor_${publicId}`;

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return null;
}

function writeCookie(name: string, value: string, maxAgeSeconds: number): void {
  // Inside a customer's page the iframe is a third-party context: only a Secure,
  // SameSite=None (partitioned) cookie is kept there, and Secure needs https.
  const site =
    window.location.protocol === "https:" ? "SameSite=None; Secure; Partitioned" : "SameSite=Lax";
  try {
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from browsers the widget must run in.
    document.cookie = `${name}=${encodeURIComponent(value)}; Max-Age=${maxAgeSeconds}; Path=/; ${site}`;
  } catch {
    // Cookies are disabled; localStorage (if any) carries the token.
  }
}

export function loadVisitorToken(publicId: string): string | null {
  const name = visitorCookieName(publicId);
  try {
    const stored = window.localStorage.getItem(name);
    if (stored) return stored;
  } catch {
    // Storage is blocked (private mode, third-party iframe): the cookie may still hold it.
  }
  try {
    return readCookie(name);
  } catch {
    return null;
  }
}

export function saveVisitorToken(publicId: string, token: string): void {
  const name = visitorCookieName(publicId);
  try {
    window.localStorage.setItem(name, token);
  } catch {
    // See loadVisitorToken.
  }
  writeCookie(name, token, YEAR_SECONDS);
}

export function forgetVisitorToken(publicId: string): void {
  const name = visitorCookieName(publicId);
  try {
    window.localStorage.removeItem(name);
  } catch {
    // Nothing was stored.
  }
  writeCookie(name, "", 0);
}
