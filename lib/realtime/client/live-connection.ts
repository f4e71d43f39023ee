import type { RealtimeEvent } from "../events";
import { memberChannel, visitorChannel } from "../events";
import type { RealtimeClientConfig } from "../pusher-config";

/** "live" while events flow; "down" while the connection is lost (it keeps retrying). */
export type LiveStatus = "connecting" | "live" | "down";

export type LiveTarget =
  | { kind: "member"; workspace: string; memberId: string }
  | { kind: "visitor"; publicId: string; token: string };

export interface LiveHandlers {
  onEvent: (event: RealtimeEvent) => void;
  onStatus: (status: LiveStatus) => void;
  /** Connected again after a loss: refetch what may have been missed. */
  onReconnect: () => void;
  /** The server closed the stream for good (the member was removed). */
  onRevoked?: () => void;
  /** With Pusher: the connected client, for presence channels (who is viewing). */
  onPusher?: (pusher: PusherClient | null) => void;
}

/** The pusher-js client, as far as presence needs it. */
export type PusherClient = InstanceType<typeof import("pusher-js").default>;

const visitorIdOf = (token: string) => token.split(".")[0] ?? "";

/**
 * Opens live updates in the browser with whichever driver the server runs: the built-in
 * Server-Sent Events stream (EventSource reconnects by itself, sending Last-Event-ID), or
 * Pusher through pusher-js (loaded only then). Returns a function that closes it.
 */
export function connectLive(
  config: RealtimeClientConfig,
  target: LiveTarget,
  handlers: LiveHandlers,
): () => void {
  return config.driver === "pusher"
    ? connectPusher(config, target, handlers)
    : connectEventSource(target, handlers);
}

function connectEventSource(target: LiveTarget, handlers: LiveHandlers): () => void {
  const state: SourceState = { opened: false, seen: new Set() };
  if (target.kind === "member") {
    // EventSource retries a dropped connection by itself, but gives up for good on an HTTP
    // error (a 502 during a deploy, a 500 while the database blips): then a new source is
    // opened after a jittered, growing pause, until the stream is back.
    const url = `/api/workspaces/${encodeURIComponent(target.workspace)}/realtime`;
    let stopped = false;
    let failures = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let close = () => {};
    const open = () => {
      if (stopped) return;
      close = openEventSource(
        url,
        {
          ...handlers,
          onStatus: (status) => {
            if (status === "live") failures = 0;
            handlers.onStatus(status);
          },
          onRevoked: () => {
            stopped = true;
            handlers.onRevoked?.();
          },
        },
        state,
        () => {
          if (stopped) return;
          handlers.onStatus("down");
          failures += 1;
          const pause = growingPause(failures);
          const later = () => {
            retry = setTimeout(open, pause / 2 + Math.random() * (pause / 2));
          };
          // EventSource hides the status. After a few failures, ask: signed out or removed
          // (401, 403, 404) is for good — the page refreshes into the refusal instead of
          // retrying forever; anything else (a 502, no network) is retried.
          if (failures < 3) return later();
          void refusedForGood(url).then((gone) => {
            if (stopped) return;
            if (gone) {
              stopped = true;
              handlers.onRevoked?.();
            } else later();
          });
        },
      );
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retry);
      close();
    };
  }
  // A visitor's stream opens with a short-lived ticket, never the visitor token (URLs are
  // logged). EventSource reconnects with the same URL by itself; once its ticket has expired
  // the server refuses it and closes the source, and a new ticket opens a new one.
  let stopped = false;
  let close = () => {};
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const again = () => {
    handlers.onStatus("down");
    failures += 1;
    retry = setTimeout(() => void open(), growingPause(failures));
  };
  const open = async () => {
    let ticket: string;
    try {
      ticket = await streamTicket(target.publicId, target.token);
    } catch (error) {
      if (stopped) return;
      if (error instanceof TicketRefused) {
        // The token itself is no longer accepted: the widget starts a new session.
        handlers.onStatus("down");
        handlers.onRevoked?.();
        return;
      }
      again();
      return;
    }
    if (stopped) return;
    close = openEventSource(
      `/api/widget/${encodeURIComponent(target.publicId)}/events?ticket=${encodeURIComponent(ticket)}`,
      {
        ...handlers,
        onStatus: (status) => {
          if (status === "live") failures = 0;
          handlers.onStatus(status);
        },
      },
      state,
      again,
    );
  };
  handlers.onStatus("connecting");
  void open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    close();
  };
}

/** Whether the stream's URL now answers 401, 403 or 404 (its body is never read). */
async function refusedForGood(url: string): Promise<boolean> {
  const abort = new AbortController();
  try {
    const response = await fetch(url, { signal: abort.signal, cache: "no-store" });
    return [401, 403, 404].includes(response.status);
  } catch {
    return false;
  } finally {
    abort.abort();
  }
}

/** The pause before reopening after `failures` failures in a row: 1 s, doubling, at most 30 s. */
const growingPause = (failures: number) => Math.min(30_000, 1_000 * 2 ** (failures - 1));

/** The server refused the visitor token when asked for a stream ticket (401). */
class TicketRefused extends Error {}

async function streamTicket(publicId: string, token: string): Promise<string> {
  const response = await fetch(`/api/widget/${encodeURIComponent(publicId)}/stream-ticket`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
    cache: "no-store",
  });
  if (response.status === 401) throw new TicketRefused();
  if (!response.ok) throw new Error(`stream ticket: ${response.status}`);
  const { ticket } = (await response.json()) as { ticket: string };
  return ticket;
}

/** What the sources of one connection share. */
interface SourceState {
  /** Opened once: the next opening is a reconnect (the caller refetches what it missed). */
  opened: boolean;
  /**
   * Ids of the events already handled. A reconnect replays from a little before the last one
   * (Last-Event-ID, with a margin for late commits), so without this a customer's message or
   * a notification would chime and alert twice.
   */
  seen: Set<string>;
}

const SEEN_KEPT = 500;

/**
 * One EventSource. `state` spans the sources of one connection (see SourceState).
 * `onClosed`: the source gave up (the server refused it); it does not reconnect by itself.
 */
function openEventSource(
  url: string,
  handlers: LiveHandlers,
  state: SourceState,
  onClosed: () => void,
): () => void {
  const source = new EventSource(url);
  handlers.onStatus("connecting");
  source.onopen = () => {
    handlers.onStatus("live");
    if (state.opened) handlers.onReconnect();
    state.opened = true;
  };
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) onClosed();
    else handlers.onStatus("connecting");
  };
  source.onmessage = (message) => {
    if (message.lastEventId) {
      if (state.seen.has(message.lastEventId)) return;
      state.seen.add(message.lastEventId);
      if (state.seen.size > SEEN_KEPT) {
        const oldest = state.seen.values().next().value;
        if (oldest !== undefined) state.seen.delete(oldest);
      }
    }
    try {
      handlers.onEvent(JSON.parse(message.data) as RealtimeEvent);
    } catch {
      // A malformed frame is skipped; the next refetch restores the truth.
    }
  };
  source.addEventListener("revoked", () => {
    source.close();
    handlers.onStatus("down");
    handlers.onRevoked?.();
  });
  return () => source.close();
}

function connectPusher(
  config: Extract<RealtimeClientConfig, { driver: "pusher" }>,
  target: LiveTarget,
  handlers: LiveHandlers,
): () => void {
  let closed = false;
  let disconnect = () => {};
  handlers.onStatus("connecting");
  void import("pusher-js").then(({ default: Pusher }) => {
    if (closed) return;
    const pusher = new Pusher(config.key, {
      cluster: config.cluster,
      ...(config.wsHost ? { wsHost: config.wsHost, httpHost: config.wsHost } : {}),
      ...(config.wsPort ? { wsPort: config.wsPort, wssPort: config.wsPort } : {}),
      forceTLS: config.forceTLS,
      enabledTransports: ["ws", "wss"],
      disableStats: true,
      channelAuthorization: {
        endpoint: "/api/realtime/auth",
        transport: "ajax",
        params:
          target.kind === "member" ? { workspace: target.workspace } : { token: target.token },
      },
    });
    let connectedBefore = false;
    pusher.connection.bind("state_change", ({ current }: { current: string }) => {
      if (current === "connected") {
        handlers.onStatus("live");
        if (connectedBefore) handlers.onReconnect();
        connectedBefore = true;
      } else if (current === "connecting") {
        handlers.onStatus("connecting");
      } else {
        handlers.onStatus("down");
      }
    });
    const channel = pusher.subscribe(
      target.kind === "member"
        ? memberChannel(target.memberId)
        : visitorChannel(target.publicId, visitorIdOf(target.token)),
    );
    channel.bind_global((name: string, data: unknown) => {
      if (name.startsWith("pusher:") || name.startsWith("pusher_internal:")) return;
      handlers.onEvent(data as RealtimeEvent);
    });
    channel.bind("pusher:subscription_error", () => {
      handlers.onStatus("down");
      handlers.onRevoked?.();
    });
    handlers.onPusher?.(pusher);
    disconnect = () => {
      handlers.onPusher?.(null);
      pusher.disconnect();
    };
  });
  return () => {
    closed = true;
    disconnect();
  };
}
