import { createHash, createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { isRecord, readBody } from "./http-helpers";

/**
 * A local server speaking the Pusher Channels protocol, checking what Pusher checks.
 *
 * REST (what the `pusher` server SDK calls): `POST /apps/{appId}/events` and `/batch_events`,
 * signed with `auth_key`, `auth_timestamp` (±600 s), `auth_version=1.0`, `body_md5` and
 * `auth_signature` = HMAC-SHA256(secret, "POST\n{path}\n{sorted query}"); at most 100 channels
 * per event, 10 events per batch, event data under 10 kB (413 above). Bad signatures get 401.
 *
 * WebSocket (what `pusher-js` speaks): `/app/{key}?protocol=7`, answered with
 * `pusher:connection_established`; `pusher:subscribe` to public, private (`key:HMAC(secret,
 * socket_id:channel)`) and presence (`…:channel_data`) channels, answered with
 * `pusher_internal:subscription_succeeded` (presence: `{presence:{count,ids,hash}}`, and
 * member_added / member_removed to the others) or `pusher:subscription_error`; ping/pong;
 * `client-` events forwarded to the other subscribers of a private or presence channel;
 * triggered events forwarded to every subscribed socket (except the `socket_id` excluded).
 *
 * Everything received is recorded for the tests to assert on.
 */

export interface RestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
  status: number;
  /** Why it was refused, as Pusher would say it; absent when accepted. */
  error?: string;
  at: number;
}

export interface TriggerRecord {
  name: string;
  channels: string[];
  /** The event's data exactly as sent (Pusher carries it as a string). */
  data: string;
  socketId?: string;
  at: number;
}

export interface SubscriptionRecord {
  socketId: string;
  channel: string;
  accepted: boolean;
  error?: string;
  channelData?: string;
}

export interface ClientEventRecord {
  socketId: string;
  channel: string;
  event: string;
  data: unknown;
  /** Sockets it was forwarded to; empty when refused. */
  forwardedTo: string[];
  error?: string;
}

export interface Delivery {
  socketId: string;
  channel: string;
  event: string;
  data: string;
  at: number;
}

export interface PusherStandIn {
  appId: string;
  key: string;
  secret: string;
  host: string;
  port: number;
  /** The PUSHER_* variables that point the app at this server. */
  env: Record<string, string>;
  rest: RestRecord[];
  triggers: TriggerRecord[];
  subscriptions: SubscriptionRecord[];
  clientEvents: ClientEventRecord[];
  deliveries: Delivery[];
  /** Open connections' socket ids. */
  sockets(): string[];
  /** Socket ids subscribed to a channel now. */
  subscribers(channel: string): string[];
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

const TIMESTAMP_GRACE_S = 600;
const MAX_CHANNELS = 100;
const MAX_BATCH = 10;
const MAX_DATA_BYTES = 10_240;
const MAX_EVENT_NAME = 200;
const CHANNEL_NAME = /^[-a-zA-Z0-9_=@,.;]{1,164}$/;
const SOCKET_ID = /^\d+\.\d+$/;

interface Connection {
  socketId: string;
  ws: WebSocket;
  channels: Set<string>;
}

interface PresenceMember {
  userId: string;
  userInfo: unknown;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const hmac = (secret: string, text: string) =>
  createHmac("sha256", secret).update(text).digest("hex");

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export async function startPusherStandIn({
  appId = String(randomInt(100_000, 999_999)),
  key = `key${randomInt(1e9)}`,
  secret = `secret${randomInt(1e9)}${randomInt(1e9)}`,
}: {
  appId?: string;
  key?: string;
  secret?: string;
} = {}): Promise<PusherStandIn> {
  const rest: RestRecord[] = [];
  const triggers: TriggerRecord[] = [];
  const subscriptions: SubscriptionRecord[] = [];
  const clientEvents: ClientEventRecord[] = [];
  const deliveries: Delivery[] = [];
  const connections = new Map<string, Connection>();
  const channels = new Map<string, Set<string>>();
  /** Presence channel → socket id → the member that socket subscribed as. */
  const presence = new Map<string, Map<string, PresenceMember>>();

  const send = (connection: Connection, message: Record<string, unknown>) => {
    if (connection.ws.readyState === WebSocket.OPEN) connection.ws.send(JSON.stringify(message));
  };

  const deliver = (channel: string, event: string, data: string, except?: string) => {
    for (const socketId of channels.get(channel) ?? []) {
      const connection = connections.get(socketId);
      if (!connection || socketId === except) continue;
      deliveries.push({ socketId, channel, event, data, at: performance.now() });
      send(connection, { event, channel, data });
    }
  };

  // ---- REST -------------------------------------------------------------------------------

  const verifySignature = (path: string, query: URLSearchParams, body: string) => {
    const params = Object.fromEntries(query);
    if (params.auth_key !== key) throw new Refusal(401, `Unknown auth_key: ${params.auth_key}`);
    if (params.auth_version !== "1.0") throw new Refusal(401, "auth_version must be 1.0");
    const timestamp = Number(params.auth_timestamp);
    const skew = Math.abs(Date.now() / 1000 - timestamp);
    if (!Number.isFinite(timestamp) || skew > TIMESTAMP_GRACE_S) {
      throw new Refusal(
        401,
        `Timestamp expired: Given timestamp (${params.auth_timestamp}) not within 600s of server time`,
      );
    }
    const md5 = createHash("md5").update(body, "utf8").digest("hex");
    if (body !== "" && params.body_md5 !== md5) {
      throw new Refusal(401, `Invalid body_md5: expected ${md5}, got ${params.body_md5}`);
    }
    const signed = Object.keys(params)
      .filter((name) => name !== "auth_signature")
      .sort()
      .map((name) => `${name}=${params[name]}`)
      .join("&");
    const expected = hmac(secret, `POST\n${path}\n${signed}`);
    if (!params.auth_signature || !sameText(params.auth_signature, expected)) {
      throw new Refusal(
        401,
        `Invalid signature: you should have sent HmacSHA256Hex("POST\\n${path}\\n${signed}", your_secret_key)`,
      );
    }
  };

  const parseEvent = (raw: unknown): Omit<TriggerRecord, "at"> => {
    if (!isRecord(raw)) throw new Refusal(400, "Each event must be a JSON object");
    const { name, data, channels: many, channel, socket_id } = raw;
    if (typeof name !== "string" || name === "" || name.length > MAX_EVENT_NAME) {
      throw new Refusal(400, "Event name must be a string of 1 to 200 characters");
    }
    if (typeof data !== "string") throw new Refusal(400, "Event data must be a string");
    if (Buffer.byteLength(data, "utf8") > MAX_DATA_BYTES) {
      throw new Refusal(413, `Event data exceeds the allowed maximum (${MAX_DATA_BYTES} bytes)`);
    }
    const list = Array.isArray(many) ? many : typeof channel === "string" ? [channel] : null;
    if (!list || list.length === 0) throw new Refusal(400, "Missing channels");
    if (list.length > MAX_CHANNELS) {
      throw new Refusal(400, `Cannot trigger on more than ${MAX_CHANNELS} channels`);
    }
    for (const one of list) {
      if (typeof one !== "string" || !CHANNEL_NAME.test(one)) {
        throw new Refusal(400, `Invalid channel name: ${String(one)}`);
      }
    }
    if (socket_id !== undefined && (typeof socket_id !== "string" || !SOCKET_ID.test(socket_id))) {
      throw new Refusal(400, `Invalid socket_id: ${String(socket_id)}`);
    }
    return {
      name,
      channels: list as string[],
      data,
      ...(typeof socket_id === "string" ? { socketId: socket_id } : {}),
    };
  };

  const handleRest = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const body = await readBody(req);
    const record: RestRecord = {
      method: req.method ?? "",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      status: 200,
      at: performance.now(),
    };
    rest.push(record);
    try {
      const match = /^\/apps\/([^/]+)\/(events|batch_events)$/.exec(url.pathname);
      if (!match) throw new Refusal(404, "Not found");
      if (match[1] !== appId) throw new Refusal(404, `Unknown app ${match[1]}`);
      if (req.method !== "POST") throw new Refusal(405, "Method not allowed");
      verifySignature(url.pathname, url.searchParams, body);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        throw new Refusal(400, "Request body is not JSON");
      }
      const events =
        match[2] === "events"
          ? [parseEvent(parsed)]
          : (() => {
              const batch = isRecord(parsed) ? parsed.batch : undefined;
              if (!Array.isArray(batch)) throw new Refusal(400, "Missing batch");
              if (batch.length > MAX_BATCH) {
                throw new Refusal(400, `Batch too large (at most ${MAX_BATCH} events)`);
              }
              return batch.map(parseEvent);
            })();
      for (const event of events) {
        triggers.push({ ...event, at: performance.now() });
        for (const channel of event.channels) {
          deliver(channel, event.name, event.data, event.socketId);
        }
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(match[2] === "events" ? "{}" : JSON.stringify({ batch: events.map(() => ({})) }));
    } catch (error) {
      const refusal = error instanceof Refusal ? error : new Refusal(500, String(error));
      record.status = refusal.status;
      record.error = refusal.message;
      res.writeHead(refusal.status, { "content-type": "text/plain" });
      res.end(`${refusal.message}\n`);
    }
  };

  // ---- WebSocket ----------------------------------------------------------------------------

  const presenceData = (channel: string) => {
    const hash: Record<string, unknown> = {};
    for (const member of presence.get(channel)?.values() ?? [])
      hash[member.userId] = member.userInfo;
    const ids = Object.keys(hash);
    return { presence: { count: ids.length, ids, hash } };
  };

  const hasUser = (channel: string, userId: string, except?: string) =>
    [...(presence.get(channel)?.entries() ?? [])].some(
      ([socketId, member]) => socketId !== except && member.userId === userId,
    );

  const expectedAuth = (socketId: string, channel: string, channelData?: string) =>
    `${key}:${hmac(secret, channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`)}`;

  const subscribe = (connection: Connection, data: unknown) => {
    const channel = isRecord(data) && typeof data.channel === "string" ? data.channel : "";
    const auth = isRecord(data) && typeof data.auth === "string" ? data.auth : undefined;
    const channelData =
      isRecord(data) && typeof data.channel_data === "string" ? data.channel_data : undefined;
    const refuse = (error: string, status = 401) => {
      subscriptions.push({
        socketId: connection.socketId,
        channel,
        accepted: false,
        error,
        ...(channelData ? { channelData } : {}),
      });
      send(connection, {
        event: "pusher:subscription_error",
        channel,
        data: JSON.stringify({ type: "AuthError", error, status }),
      });
    };
    if (!CHANNEL_NAME.test(channel)) return refuse(`Invalid channel name: ${channel}`, 400);
    const isPresence = channel.startsWith("presence-");
    const isPrivate = channel.startsWith("private-");
    let member: PresenceMember | null = null;
    if (isPrivate || isPresence) {
      if (!auth) return refuse(`Missing auth for ${channel}`);
      const expected = expectedAuth(
        connection.socketId,
        channel,
        isPresence ? channelData : undefined,
      );
      if (!sameText(auth, expected)) {
        const signed = isPresence
          ? `${connection.socketId}:${channel}:${channelData ?? ""}`
          : `${connection.socketId}:${channel}`;
        return refuse(`Invalid signature: expected HMAC SHA256 hex digest of ${signed}`);
      }
    }
    if (isPresence) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(channelData ?? "");
      } catch {
        return refuse("channel_data must be JSON", 400);
      }
      const userId = isRecord(parsed) ? parsed.user_id : undefined;
      if (typeof userId !== "string" && typeof userId !== "number") {
        return refuse("channel_data must carry a user_id", 400);
      }
      member = {
        userId: String(userId),
        userInfo: isRecord(parsed) ? parsed.user_info : undefined,
      };
    }
    subscriptions.push({
      socketId: connection.socketId,
      channel,
      accepted: true,
      ...(channelData ? { channelData } : {}),
    });
    if (!channels.has(channel)) channels.set(channel, new Set());
    channels.get(channel)?.add(connection.socketId);
    connection.channels.add(channel);
    if (member) {
      const newcomer = !hasUser(channel, member.userId);
      if (!presence.has(channel)) presence.set(channel, new Map());
      presence.get(channel)?.set(connection.socketId, member);
      if (newcomer) {
        deliver(
          channel,
          "pusher_internal:member_added",
          JSON.stringify({ user_id: member.userId, user_info: member.userInfo }),
          connection.socketId,
        );
      }
    }
    send(connection, {
      event: "pusher_internal:subscription_succeeded",
      channel,
      data: JSON.stringify(member ? presenceData(channel) : {}),
    });
  };

  const unsubscribe = (connection: Connection, channel: string) => {
    if (!connection.channels.delete(channel)) return;
    channels.get(channel)?.delete(connection.socketId);
    const members = presence.get(channel);
    const member = members?.get(connection.socketId);
    members?.delete(connection.socketId);
    if (member && !hasUser(channel, member.userId)) {
      deliver(
        channel,
        "pusher_internal:member_removed",
        JSON.stringify({ user_id: member.userId }),
      );
    }
  };

  const clientEvent = (connection: Connection, message: Record<string, unknown>) => {
    const channel = typeof message.channel === "string" ? message.channel : "";
    const event = String(message.event);
    const record: ClientEventRecord = {
      socketId: connection.socketId,
      channel,
      event,
      data: message.data,
      forwardedTo: [],
    };
    clientEvents.push(record);
    const refuse = (error: string) => {
      record.error = error;
      send(connection, {
        event: "pusher:error",
        data: JSON.stringify({ code: null, message: error }),
      });
    };
    if (!channel.startsWith("private-") && !channel.startsWith("presence-")) {
      return refuse("Client event rejected - only supported on private and presence channels");
    }
    if (!connection.channels.has(channel)) {
      return refuse(`Client event rejected - not subscribed to ${channel}`);
    }
    const data = typeof message.data === "string" ? message.data : JSON.stringify(message.data);
    const sender = presence.get(channel)?.get(connection.socketId);
    for (const socketId of channels.get(channel) ?? []) {
      const other = connections.get(socketId);
      if (!other || socketId === connection.socketId) continue;
      record.forwardedTo.push(socketId);
      deliveries.push({ socketId, channel, event, data, at: performance.now() });
      send(other, { event, channel, data, ...(sender ? { user_id: sender.userId } : {}) });
    }
  };

  const onMessage = (connection: Connection, raw: RawData) => {
    let message: unknown;
    try {
      message = JSON.parse(raw.toString());
    } catch {
      return;
    }
    if (!isRecord(message) || typeof message.event !== "string") return;
    let data = message.data;
    if (typeof data === "string" && message.event.startsWith("pusher:")) {
      try {
        data = JSON.parse(data);
      } catch {
        // Pusher events may carry plain strings; keep it as it came.
      }
    }
    if (message.event === "pusher:ping") {
      send(connection, { event: "pusher:pong", data: "{}" });
    } else if (message.event === "pusher:subscribe") {
      subscribe(connection, data);
    } else if (message.event === "pusher:unsubscribe") {
      if (isRecord(data) && typeof data.channel === "string") unsubscribe(connection, data.channel);
    } else if (message.event.startsWith("client-")) {
      clientEvent(connection, message);
    }
  };

  const server = createServer((req, res) => {
    void handleRest(req, res);
  });
  const wss = new WebSocketServer({ noServer: true });
  let nextSocket = 0;

  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const match = /^\/app\/([^/]+)$/.exec(url.pathname);
    if (!match) {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const refuse = (code: number, message: string) => {
        ws.send(JSON.stringify({ event: "pusher:error", data: JSON.stringify({ code, message }) }));
        ws.close(code, message);
      };
      if (match[1] !== key) return refuse(4001, `App key ${match[1]} not in this cluster`);
      const protocol = Number(url.searchParams.get("protocol"));
      if (!Number.isInteger(protocol) || protocol < 5 || protocol > 7) {
        return refuse(4007, "Unsupported protocol version");
      }
      nextSocket += 1;
      const connection: Connection = {
        socketId: `${randomInt(1, 1e9)}.${nextSocket}`,
        ws,
        channels: new Set(),
      };
      connections.set(connection.socketId, connection);
      ws.on("message", (raw) => onMessage(connection, raw));
      ws.on("close", () => {
        for (const channel of [...connection.channels]) unsubscribe(connection, channel);
        connections.delete(connection.socketId);
      });
      send(connection, {
        event: "pusher:connection_established",
        data: JSON.stringify({ socket_id: connection.socketId, activity_timeout: 120 }),
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    appId,
    key,
    secret,
    host: "127.0.0.1",
    port,
    env: {
      PUSHER_APP_ID: appId,
      PUSHER_KEY: key,
      PUSHER_SECRET: secret,
      PUSHER_CLUSTER: "",
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: String(port),
      PUSHER_USE_TLS: "false",
    },
    rest,
    triggers,
    subscriptions,
    clientEvents,
    deliveries,
    sockets: () => [...connections.keys()],
    subscribers: (channel) => [...(channels.get(channel) ?? [])],
    async waitFor(probe, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = probe();
        if (value !== undefined && value !== null && value !== false) return value;
        if (Date.now() > deadline) throw new Error("pusher stand-in: timed out waiting");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      for (const connection of connections.values()) connection.ws.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // The SDK keeps its HTTP connections alive; they must not hold the server open.
      server.closeAllConnections();
      await closed;
    },
  };
}
