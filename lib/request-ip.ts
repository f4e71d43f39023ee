/**
 * How many proxies of ours stand in front of the app (`TRUSTED_PROXY_HOPS`, default 1: one load
 * balancer or reverse proxy, as on most hosts). 0: none, so no forwarding header is believed.
 */
export function trustedProxyHops(): number {
  const raw = process.env.TRUSTED_PROXY_HOPS;
  if (raw === undefined || raw.trim() === "") return 1;
  const hops = Number(raw);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) {
    throw new Error(`TRUSTED_PROXY_HOPS must be a whole number 0–10, not "${raw}"`);
  }
  return hops;
}

/**
 * The client's address as the nearest proxy of ours saw it, for per-address limits (widget
 * messages and sessions, sign-in attempts). Each proxy appends the address it received from to
 * X-Forwarded-For, so only the right-most `hops` entries were written by proxies we run: the
 * entry `hops` from the right is the client's. Entries left of it are whatever the client sent,
 * and reading them (the left-most, as this once did) let any client pick a fresh address per
 * request. "unknown" when no proxy is trusted or none says.
 */
export function requestIp(
  request: { headers: Headers } | undefined,
  hops = trustedProxyHops(),
): string {
  if (!request || hops === 0) return "unknown";
  const forwarded = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const fromProxy = forwarded.length >= hops ? forwarded[forwarded.length - hops] : undefined;
  return fromProxy || request.headers.get("x-real-ip")?.trim() || "unknown";
}
