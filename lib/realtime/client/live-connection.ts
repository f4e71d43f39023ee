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
  const url =
    target.kind === "member"
      ? `/api/workspaces/${encodeURIComponent(target.workspace)}/realtime`
      : `/api/widget/${encodeURIComponent(target.publicId)}/events?token=${encodeURIComponent(target.token)}`;
  const source = new EventSource(url);
  let opened = false;
  handlers.onStatus("connecting");
  source.onopen = () => {
    handlers.onStatus("live");
    if (opened) handlers.onReconnect();
    opened = true;
  };
  source.onerror = () =>
    handlers.onStatus(source.readyState === EventSource.CLOSED ? "down" : "connecting");
  source.onmessage = (message) => {
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
