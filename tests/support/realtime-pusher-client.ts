import PusherClient from "pusher-js";

/**
 * A real `pusher-js` client in Node, pointed at a Pusher-protocol server on loopback, with a
 * channel authoriser the test supplies (for members, a call of lib/realtime/authorize-channel
 * with their user id, as POST /api/realtime/auth makes after reading the session). It records
 * every event each subscribed channel receives.
 */

export interface PusherReceived {
  channel: string;
  event: string;
  data: unknown;
  /** performance.now() when it arrived. */
  at: number;
}

export interface ChannelAuthorizationData {
  auth: string;
  channel_data?: string;
}

export type Authorize = (request: {
  socketId: string;
  channelName: string;
}) => Promise<ChannelAuthorizationData>;

export type Subscribed = { ok: true; members?: unknown } | { ok: false; error: string };

export interface LivePusherClient {
  client: PusherClient;
  socketId(): string;
  received: PusherReceived[];
  subscribe(channel: string): Promise<Subscribed>;
  trigger(channel: string, event: string, data: unknown): boolean;
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  disconnect(): void;
}

PusherClient.logToConsole = false;

export async function connectPusherClient({
  host,
  port,
  appKey,
  authorize,
}: {
  host: string;
  port: number;
  appKey: string;
  authorize: Authorize;
}): Promise<LivePusherClient> {
  const received: PusherReceived[] = [];
  const client = new PusherClient(appKey, {
    cluster: "",
    wsHost: host,
    wsPort: port,
    forceTLS: false,
    enabledTransports: ["ws"],
    enableStats: false,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        authorize({ socketId, channelName }).then(
          (data) => callback(null, data),
          (error: unknown) =>
            callback(error instanceof Error ? error : new Error(String(error)), null),
        );
      },
    },
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("pusher-js did not connect")), 5_000);
    client.connection.bind("connected", () => {
      clearTimeout(timer);
      resolve();
    });
  });

  const waitFor = async <T>(probe: () => T | undefined | null | false, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== null && value !== false) return value;
      if (Date.now() > deadline) throw new Error("pusher-js client: timed out waiting");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  return {
    client,
    socketId: () => client.connection.socket_id,
    received,
    subscribe(name) {
      const channel = client.subscribe(name);
      return new Promise<Subscribed>((resolve) => {
        channel.bind("pusher:subscription_succeeded", (members: unknown) => {
          channel.bind_global((event: string, data: unknown) => {
            // Of the library's own events only presence changes matter to the tests.
            const internal = event.startsWith("pusher:") || event.startsWith("pusher_internal:");
            if (internal && event !== "pusher:member_added" && event !== "pusher:member_removed") {
              return;
            }
            received.push({ channel: name, event, data, at: performance.now() });
          });
          resolve({ ok: true, members });
        });
        channel.bind("pusher:subscription_error", (error: unknown) => {
          client.unsubscribe(name);
          const message =
            typeof error === "object" && error !== null && "error" in error
              ? String(error.error)
              : JSON.stringify(error);
          resolve({ ok: false, error: message });
        });
      });
    },
    trigger(channel, event, data) {
      const subscribed = client.channel(channel);
      return subscribed ? subscribed.trigger(event, data) : false;
    },
    waitFor,
    disconnect() {
      client.disconnect();
    },
  };
}
