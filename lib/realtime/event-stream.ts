import "server-only";
import type { Database } from "@/db/client";
import { loadSubscriber, mayReceive, type Subscriber } from "./audience";
import type { Envelope } from "./events";
import { type DeliveredRow, eventsSince, realtimeHub } from "./hub";
import { markLive } from "./mark-live";

const HEARTBEAT_MS = 15_000;
/** Membership is read again this often even without an access event (defence in depth). */
const RECHECK_MS = 60_000;

export type StreamAudience =
  | { kind: "member"; subscriber: Subscriber }
  | { kind: "visitor"; workspaceId: string; visitorId: string };

const encoder = new TextEncoder();
const frame = (envelope: Envelope) =>
  encoder.encode(`id: ${envelope.id}\ndata: ${JSON.stringify(envelope.event)}\n\n`);

/**
 * The built-in driver's Server-Sent Events stream. Subscribes to this process's hub first,
 * then replays what a reconnecting client missed (`Last-Event-ID`), then streams live events
 * this audience may receive, with heartbeats. A member's stream re-reads their access when
 * an `access.changed` event reaches them (and every minute); once they are removed it sends
 * `event: revoked` and closes, and nothing is delivered while that check runs.
 */
export async function eventStream(
  db: Database,
  {
    audience,
    lastEventId,
    signal,
  }: { audience: StreamAudience; lastEventId: number | null; signal: AbortSignal },
): Promise<Response> {
  const hub = realtimeHub();
  await hub.start();
  const workspaceId =
    audience.kind === "member" ? audience.subscriber.workspaceId : audience.workspaceId;
  let subscriber = audience.kind === "member" ? audience.subscriber : null;
  let checking: Promise<void> | null = null;
  const held: DeliveredRow[] = [];
  const seen = new Set<number>();
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let closed = false;
  const timers: ReturnType<typeof setInterval>[] = [];
  let unsubscribe = () => {};

  const close = (reason?: "revoked") => {
    if (closed) return;
    closed = true;
    unsubscribe();
    for (const timer of timers) clearInterval(timer);
    try {
      if (reason) controller?.enqueue(encoder.encode(`event: ${reason}\ndata: {}\n\n`));
      controller?.close();
    } catch {
      // The client went away first; nothing is left to tell it.
    }
  };

  const accepts = (row: DeliveredRow) => {
    if (audience.kind === "visitor") {
      return row.audience.kind === "visitor" && row.audience.visitorId === audience.visitorId;
    }
    return subscriber !== null && mayReceive(subscriber, row.audience);
  };

  const send = (row: DeliveredRow) => {
    if (closed || seen.has(row.id) || !accepts(row)) return;
    seen.add(row.id);
    if (seen.size > 2_000) seen.delete(seen.values().next().value ?? row.id);
    controller?.enqueue(frame({ id: row.id, event: row.event }));
  };

  const recheck = () => {
    if (audience.kind !== "member" || checking) return;
    const memberId = audience.subscriber.memberId;
    checking = loadSubscriber(db, memberId)
      .then((fresh) => {
        subscriber = fresh;
        checking = null;
        if (!fresh) return close("revoked");
        // Received, not just sent: an access change that arrived during this check may have
        // committed after it read, so it starts another.
        for (const row of held.splice(0)) receive(row);
      })
      .catch((error: unknown) => {
        checking = null;
        console.error("[realtime] access check failed", error);
      });
  };

  const receive = (row: DeliveredRow) => {
    if (checking) {
      held.push(row);
      return;
    }
    const accessChanged = row.event.type === "access.changed" && accepts(row);
    send(row);
    if (accessChanged) recheck();
  };

  // Before the stream starts: an abort that already happened fires no listener added later.
  signal.addEventListener("abort", () => close(), { once: true });
  if (signal.aborted) close();
  const stream = new ReadableStream<Uint8Array>({
    async start(streamController) {
      controller = streamController;
      // The client may be gone already (it left while the route checked who it is): then
      // nothing subscribes and no timer starts — `cancel` would never come to clean them up.
      if (closed) {
        streamController.close();
        return;
      }
      // Spread between 2 and 5 s: after a deploy ends every stream at once, clients must not
      // all come back in the same instant.
      streamController.enqueue(
        encoder.encode(`retry: ${2_000 + Math.floor(Math.random() * 3_000)}\n\n`),
      );
      const buffered: DeliveredRow[] = [];
      let replaying = true;
      unsubscribe = hub.subscribe({
        workspaceId,
        receive: (row) => (replaying ? buffered.push(row) : receive(row)),
        end: () => close(),
      });
      if (lastEventId !== null) {
        for (const row of await eventsSince(db, { workspaceId, afterId: lastEventId })) send(row);
      }
      replaying = false;
      // Gone during the replay: close() has unsubscribed; start no timers behind it.
      if (closed) return;
      for (const row of buffered) receive(row);
      const every = (ms: number, task: () => void) => {
        const timer = setInterval(task, ms);
        // Timers of an open stream must not keep a process (a test run, a shutdown) alive.
        timer.unref?.();
        timers.push(timer);
      };
      every(HEARTBEAT_MS, () => {
        if (closed) return;
        streamController.enqueue(encoder.encode(": ping\n\n"));
        if (audience.kind === "member") void markLive(db, audience.subscriber.memberId);
      });
      if (audience.kind === "member") {
        void markLive(db, audience.subscriber.memberId);
        every(RECHECK_MS, recheck);
      }
    },
    cancel() {
      close();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
