const ORIGIN = "http://switchboard.invalid";

/**
 * Only same-site paths: an open redirect through `callbackUrl` would help phishing. The target
 * is resolved the way a browser resolves it (which drops tabs and newlines and reads `\` as
 * `/`, so "/\t/evil.com" is "//evil.com") and kept only when it stays on our origin.
 */
export function safeRedirect(target: string | null | undefined, fallback = "/"): string {
  if (!target?.startsWith("/")) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(target, ORIGIN);
  } catch {
    return fallback;
  }
  if (resolved.origin !== ORIGIN) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
