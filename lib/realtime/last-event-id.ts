/** `Last-Event-ID` from the header EventSource sends on reconnect, or `?lastEventId=`. */
export function lastEventIdOf(request: Request): number | null {
  const raw =
    request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  if (!raw || !/^\d{1,15}$/.test(raw)) return null;
  return Number(raw);
}
