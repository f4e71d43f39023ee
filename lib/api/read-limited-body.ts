/**
 * A request body as text, read no further than `maxBytes`: null when it is larger. A declared
 * Content-Length over the limit is refused before reading; a body sent without one (chunked)
 * is counted as it arrives and abandoned at the limit, so a client cannot make the server
 * hold an unbounded body in memory before any check runs.
 */
export async function readLimitedText(request: Request, maxBytes: number): Promise<string | null> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
