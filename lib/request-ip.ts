/** The client's address as the first proxy saw it; "unknown" when no header says. */
export function requestIp(request: { headers: Headers } | undefined): string {
  const forwarded = request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request?.headers.get("x-real-ip") || "unknown";
}
