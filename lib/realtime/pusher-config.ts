import "server-only";

/** What the browser needs to connect: the built-in stream, or a Pusher(-protocol) server. */
export type RealtimeClientConfig =
  | { driver: "builtin" }
  | {
      driver: "pusher";
      key: string;
      cluster: string;
      wsHost?: string;
      wsPort?: number;
      forceTLS: boolean;
    };

export interface PusherServerConfig {
  appId: string;
  key: string;
  secret: string;
  cluster: string;
  host?: string;
  port?: string;
  useTLS: boolean;
}

/** Pusher is on when PUSHER_APP_ID, PUSHER_KEY, PUSHER_SECRET and PUSHER_CLUSTER are all set. */
export function pusherServerConfig(env = process.env): PusherServerConfig | null {
  const { PUSHER_APP_ID, PUSHER_KEY, PUSHER_SECRET, PUSHER_CLUSTER } = env;
  if (!PUSHER_APP_ID || !PUSHER_KEY || !PUSHER_SECRET || PUSHER_CLUSTER === undefined) return null;
  return {
    appId: PUSHER_APP_ID,
    key: PUSHER_KEY,
    secret: PUSHER_SECRET,
    cluster: PUSHER_CLUSTER,
    host: env.PUSHER_HOST || undefined,
    port: env.PUSHER_PORT || undefined,
    useTLS: env.PUSHER_USE_TLS ? env.PUSHER_USE_TLS !== "false" : !env.PUSHER_HOST,
  };
}

export function realtimeClientConfig(env = process.env): RealtimeClientConfig {
  const server = pusherServerConfig(env);
  if (!server) return { driver: "builtin" };
  return {
    driver: "pusher",
    key: server.key,
    cluster: server.cluster,
    ...(server.host ? { wsHost: server.host } : {}),
    ...(server.port ? { wsPort: Number(server.port) } : {}),
    forceTLS: server.useTLS,
  };
}
