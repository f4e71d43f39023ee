import { get, type IncomingMessage } from "node:http";

/**
 * A Server-Sent Events client as a browser's EventSource reads a stream: `id:`, `event:`,
 * `data:` and `retry:` fields, comments (`: ping`), one frame per blank line. It records every
 * frame with its arrival time and tells when the server closes the stream.
 */

export interface SseFrame {
  id: string | null;
  /** "message" unless the frame names another. */
  event: string;
  data: string;
  at: number;
}

export interface SseClient {
  status: number;
  frames: SseFrame[];
  /** Comment lines seen (heartbeats). */
  comments: string[];
  retry: number | null;
  /** The last `id:` seen, as EventSource sends it back in Last-Event-ID. */
  lastEventId(): string | null;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  isEnded(): boolean;
  /** Parsed `data` of the plain (unnamed) frames. */
  events<T = unknown>(): Array<{ id: string | null; event: T; at: number }>;
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  close(): void;
}

export function connectSse(
  url: string,
  { lastEventId, timeoutMs = 5_000 }: { lastEventId?: string | null; timeoutMs?: number } = {},
): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const request = get(
      url,
      {
        agent: false,
        headers: {
          accept: "text/event-stream",
          ...(lastEventId ? { "last-event-id": lastEventId } : {}),
        },
        timeout: timeoutMs,
      },
      (response) => resolve(readStream(response, () => request.destroy())),
    );
    request.on("timeout", () => request.destroy(new Error(`no answer from ${url}`)));
    request.on("error", reject);
  });
}

function readStream(response: IncomingMessage, destroy: () => void): SseClient {
  const frames: SseFrame[] = [];
  const comments: string[] = [];
  let retry: number | null = null;
  let lastId: string | null = null;
  let ended = false;
  let buffer = "";
  let current: { id: string | null; event: string; data: string[] } = {
    id: null,
    event: "message",
    data: [],
  };

  const line = (text: string) => {
    if (text === "") {
      if (current.data.length > 0) {
        frames.push({
          id: current.id,
          event: current.event,
          data: current.data.join("\n"),
          at: performance.now(),
        });
      }
      current = { id: null, event: "message", data: [] };
      return;
    }
    if (text.startsWith(":")) {
      comments.push(text.slice(1).trim());
      return;
    }
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    const value = colon === -1 ? "" : text.slice(colon + 1).replace(/^ /, "");
    if (field === "id") {
      current.id = value;
      lastId = value;
    } else if (field === "event") current.event = value;
    else if (field === "data") current.data.push(value);
    else if (field === "retry" && /^\d+$/.test(value)) retry = Number(value);
  };

  response.setEncoding("utf8");
  response.on("data", (chunk: string) => {
    buffer += chunk;
    for (;;) {
      const end = buffer.search(/\r\n|\r|\n/);
      if (end === -1) break;
      const newline = buffer.startsWith("\r\n", end) ? 2 : 1;
      line(buffer.slice(0, end));
      buffer = buffer.slice(end + newline);
    }
  });
  const endedPromise = new Promise<void>((resolve) => {
    const finish = () => {
      ended = true;
      resolve();
    };
    response.on("end", finish);
    response.on("close", finish);
    response.on("error", finish);
  });

  return {
    status: response.statusCode ?? 0,
    frames,
    comments,
    get retry() {
      return retry;
    },
    lastEventId: () => lastId,
    ended: endedPromise,
    isEnded: () => ended,
    events<T>() {
      return frames
        .filter((frame) => frame.event === "message")
        .map((frame) => ({ id: frame.id, event: JSON.parse(frame.data) as T, at: frame.at }));
    },
    async waitFor(probe, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = probe();
        if (value !== undefined && value !== null && value !== false) return value;
        if (Date.now() > deadline) throw new Error("SSE client: timed out waiting");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close() {
      destroy();
    },
  };
}
