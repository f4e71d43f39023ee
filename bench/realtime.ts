/**
 * npm run bench:realtime — live updates from a commit to connected clients, for each driver.
 *
 * In its own database (BENCH_REALTIME_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/switchboard_bench_realtime), dropped and created afresh
 * each run and migrated by the app's own code. For each driver a fresh app instance runs in a
 * child process (its own pool, DATABASE_POOL_SIZE=10, and realtime hub); the clients run in
 * this process, as browsers would run elsewhere:
 *   - builtin: the app serves the Server-Sent Events stream (lib/realtime/event-stream.ts) over
 *     HTTP on loopback; BENCH_REALTIME_CLIENTS (default 50) SSE clients read it;
 *   - pusher_standin: the app's hub relays through the `pusher` SDK to the Pusher-protocol
 *     stand-in (tests/support/pusher-stand-in.ts), in a third process as Pusher is a service of
 *     its own; as many `pusher-js` clients each subscribe to a private member channel.
 * One member per client (Managers, who see everything), so every event goes to every client.
 * The Admin then replies BENCH_REALTIME_EVENTS times (default 500) with `sendMessage`, one
 * after another, as server actions would; latency runs from the moment `sendMessage` returns
 * (its transaction committed) to the moment a client has the event (wall clock, one machine).
 * An event is delivered when every client got it, in order, within 10 s of the last write.
 * Targets: p95 ≤ 100 ms and nothing lost, per driver; a miss exits 1.
 * The last line is one JSON object.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import Pusher from "pusher";
import { type PusherStandIn, startPusherStandIn } from "../tests/support/pusher-stand-in";
import { connectPusherClient } from "../tests/support/realtime-pusher-client";
import { connectSse } from "../tests/support/realtime-sse-client";
import { recreateDatabase } from "./support/database";
import { intFromEnv } from "./support/env";
import { percentile } from "./support/measure";

const TARGET_P95_MS = 100;
const SETTLE_MS = 10_000;
const CONVERSATIONS = 10;

const url =
  process.env.BENCH_REALTIME_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/switchboard_bench_realtime";
const EVENTS = intFromEnv("BENCH_REALTIME_EVENTS", 500);
const CLIENTS = intFromEnv("BENCH_REALTIME_CLIENTS", 50);
const drivers = ["builtin", "pusher_standin"] as const;
type Driver = (typeof drivers)[number];

interface DriverResult {
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  delivered: number;
  lost: number;
  writes_per_s: number;
}

/** What the app instance tells the bench once its workspace is ready. */
interface Setup {
  sseUrl: string | null;
  memberIds: string[];
  conversationIds: string[];
}

/** Wall-clock milliseconds, comparable between two processes on one machine. */
const wallNow = () => performance.timeOrigin + performance.now();
const round = (ms: number) => Math.round(ms * 100) / 100;
const log = (line: string) => console.log(line);

// ---- The app instance (child process) ----------------------------------------------------------

async function runApp(): Promise<void> {
  const { getDb, closeDb } = await import("@/db/client");
  const schema = await import("@/db/schema");
  const { createWorkspace } = await import("@/lib/workspaces/create-workspace");
  const { receiveInboundMessage } = await import("@/lib/conversations/receive-inbound-message");
  const { sendMessage } = await import("@/lib/conversations/send-message");
  const { viewerFor } = await import("@/lib/conversations/viewer");
  const { emit } = await import("@/lib/realtime/emit");
  const { realtimeHub } = await import("@/lib/realtime/hub");
  const { startSseServer } = await import("../tests/support/realtime-sse-server");
  const reply = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

  const db = await getDb();
  await realtimeHub().start();
  const user = async (name: string) => {
    const [row] = await db
      .insert(schema.users)
      .values({ name, email: `${name.toLowerCase()}-${randomBytes(5).toString("hex")}@bench.test` })
      .returning();
    if (!row) throw new Error("user insert returned nothing");
    return row;
  };
  const adminUser = await user("Admin");
  const workspace = await createWorkspace(db, {
    userId: adminUser.id,
    name: `Realtime ${randomBytes(3).toString("hex")}`,
  });
  const admin = await db.query.members.findFirst({
    where: (t, { eq }) => eq(t.workspaceId, workspace.id),
  });
  if (!admin) throw new Error("the workspace has no admin");
  const memberIds = [admin.id];
  for (let i = 1; i < CLIENTS; i++) {
    const manager = await user(`Manager${i}`);
    const [member] = await db
      .insert(schema.members)
      .values({ workspaceId: workspace.id, userId: manager.id, role: "manager" })
      .returning();
    if (!member) throw new Error("member insert returned nothing");
    memberIds.push(member.id);
  }
  const viewer = await viewerFor({ db, workspace, member: admin, user: adminUser });
  // Conversations the Admin already answered, so a reply is one event (no self-assignment).
  const conversationIds: string[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const { conversation } = await receiveInboundMessage(db, {
      workspaceId: workspace.id,
      channel: "api",
      handle: `bench-${i}-${randomBytes(4).toString("hex")}`,
      body: "Hello",
    });
    await sendMessage(db, { viewer, conversationId: conversation.id, body: "Hi!", note: false });
    conversationIds.push(conversation.id);
  }
  const server = process.env.PUSHER_APP_ID ? null : await startSseServer(db);
  reply({ setup: { sseUrl: server?.url ?? null, memberIds, conversationIds } satisfies Setup });

  for await (const line of createInterface({ input: process.stdin })) {
    const [command, argument] = line.trim().split(" ");
    if (command === "marker" && argument) {
      await emit(db, {
        workspaceId: workspace.id,
        audience: { kind: "members", memberIds },
        event: {
          type: "presence",
          conversationId: argument,
          memberId: admin.id,
          name: argument,
          viewing: false,
          typing: false,
        },
      });
    } else if (command === "write") {
      const committed: number[] = [];
      const started = performance.now();
      for (let i = 0; i < EVENTS; i++) {
        await sendMessage(db, {
          viewer,
          conversationId: conversationIds[i % CONVERSATIONS] ?? "",
          body: `Reply ${i}`,
          note: false,
        });
        committed.push(wallNow());
      }
      const seconds = (performance.now() - started) / 1000;
      reply({ committed, writesPerSecond: Math.round(EVENTS / seconds) });
    } else if (command === "exit") {
      break;
    }
  }
  await server?.close();
  await closeDb();
}

// ---- The bench (clients, and the Pusher stand-in) ----------------------------------------------

/** A client as the bench sees it: its reply events (wall-clock arrival), and markers seen. */
interface BenchClient {
  replies(): { conversationId: string; at: number }[];
  sawMarker(marker: string): boolean;
  close(): void;
}

type Parsed = { type?: string; change?: string; conversationId?: string; name?: string };

/** Reads what a client received so far, once each (polling must not load the event loop). */
function benchClient(
  source: { count(): number; entry(index: number): { event: Parsed; at: number } },
  close: () => void,
): BenchClient {
  const replies: { conversationId: string; at: number }[] = [];
  const markers = new Set<string>();
  let read = 0;
  const catchUp = () => {
    for (; read < source.count(); read++) {
      const { event, at } = source.entry(read);
      if (event.type === "conversation.changed" && event.change === "message") {
        replies.push({
          conversationId: event.conversationId ?? "",
          at: performance.timeOrigin + at,
        });
      } else if (event.type === "presence" && event.name) {
        markers.add(event.name);
      }
    }
  };
  return {
    replies: () => {
      catchUp();
      return replies;
    },
    sawMarker: (marker) => {
      catchUp();
      return markers.has(marker);
    },
    close,
  };
}

/** A child process (this file in another mode) answering one JSON line per command. */
function startChild(mode: "--app" | "--stand-in", env: Record<string, string> = {}) {
  const root = path.resolve(import.meta.dirname, "..");
  const child: ChildProcess = spawn(
    path.join(root, "node_modules/.bin/tsx"),
    ["--conditions=react-server", "bench/realtime.ts", mode],
    {
      cwd: root,
      env: { ...process.env, ...env, DATABASE_URL: url, DATABASE_POOL_SIZE: "10" },
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = child.stdout ? createInterface({ input: child.stdout }) : null;
  const waiting: ((line: string) => void)[] = [];
  lines?.on("line", (line) => {
    if (line.startsWith("{")) waiting.shift()?.(line);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const next = <T>(): Promise<T> =>
    new Promise((resolve, reject) => {
      waiting.push((line) => resolve(JSON.parse(line) as T));
      void exited.then((code) => reject(new Error(`the ${mode} process exited (${code})`)));
    });
  return {
    next,
    send: (command: string) => child.stdin?.write(`${command}\n`),
    async stop() {
      child.stdin?.end("exit\n");
      await exited;
    },
  };
}

/** The Pusher stand-in as a service of its own: prints where it listens, stops on `exit`. */
async function runStandIn(): Promise<void> {
  const standIn = await startPusherStandIn();
  const { appId, key, secret, host, port, env } = standIn;
  process.stdout.write(`${JSON.stringify({ appId, key, secret, host, port, env })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === "exit") break;
  }
  await standIn.close();
}

type StandInInfo = Pick<PusherStandIn, "appId" | "key" | "secret" | "host" | "port" | "env">;

async function until(done: () => boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (!done() && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return done();
}

async function runDriver(driver: Driver): Promise<DriverResult> {
  const service = driver === "pusher_standin" ? startChild("--stand-in") : null;
  const standIn = service ? await service.next<StandInInfo>() : null;
  const app = startChild("--app", standIn?.env ?? {});
  const clients: BenchClient[] = [];
  try {
    const { setup } = await app.next<{ setup: Setup }>();
    if (standIn) {
      // Signed by the server SDK as POST /api/realtime/auth signs a member's own channel (its
      // checks — session, membership, whose channel — are tested in realtime-pusher.test.ts).
      const signer = new Pusher({
        appId: standIn.appId,
        key: standIn.key,
        secret: standIn.secret,
        host: standIn.host,
        port: String(standIn.port),
        useTLS: false,
      });
      for (const memberId of setup.memberIds) {
        const client = await connectPusherClient({
          host: standIn.host,
          port: standIn.port,
          appKey: standIn.key,
          authorize: async ({ socketId, channelName }) =>
            signer.authorizeChannel(socketId, channelName),
        });
        const subscribed = await client.subscribe(`private-member-${memberId}`);
        if (!subscribed.ok) throw new Error(`subscription refused: ${subscribed.error}`);
        clients.push(
          benchClient(
            {
              count: () => client.received.length,
              entry: (index) => {
                const entry = client.received[index];
                return { event: (entry?.data ?? {}) as Parsed, at: entry?.at ?? Number.NaN };
              },
            },
            () => client.disconnect(),
          ),
        );
      }
    } else {
      for (const memberId of setup.memberIds) {
        const stream = await connectSse(`${setup.sseUrl}/members/${memberId}/events`);
        clients.push(
          benchClient(
            {
              count: () => stream.frames.length,
              entry: (index) => {
                const frame = stream.frames[index];
                const event = frame?.event === "message" ? (JSON.parse(frame.data) as Parsed) : {};
                return { event, at: frame?.at ?? Number.NaN };
              },
            },
            () => stream.close(),
          ),
        );
      }
    }
    // Everyone is live once a marker sent to all of them has arrived everywhere.
    const marker = `ready-${randomBytes(3).toString("hex")}`;
    app.send(`marker ${marker}`);
    if (!(await until(() => clients.every((c) => c.sawMarker(marker)), 15_000))) {
      throw new Error("not every client came live");
    }
    const skip = clients.map((c) => c.replies().length);

    app.send("write");
    const { committed, writesPerSecond } = await app.next<{
      committed: number[];
      writesPerSecond: number;
    }>();
    const received = () => clients.map((c, k) => c.replies().slice(skip[k]));
    await until(
      () => clients.every((c, k) => c.replies().length - (skip[k] ?? 0) >= EVENTS),
      SETTLE_MS,
    );

    const samples: number[] = [];
    let delivered = 0;
    const lists = received();
    for (let i = 0; i < EVENTS; i++) {
      const expected = setup.conversationIds[i % CONVERSATIONS];
      let everywhere = true;
      for (const list of lists) {
        const entry = list[i];
        if (!entry || entry.conversationId !== expected) {
          everywhere = false;
          continue;
        }
        // The NOTIFY can beat the COMMIT's answer to the writer by a hair: that is 0 ms.
        samples.push(Math.max(0, entry.at - (committed[i] ?? 0)));
      }
      if (everywhere) delivered += 1;
    }
    samples.sort((a, b) => a - b);
    return {
      p50_ms: round(percentile(samples, 50)),
      p95_ms: round(percentile(samples, 95)),
      p99_ms: round(percentile(samples, 99)),
      max_ms: round(samples.at(-1) ?? Number.NaN),
      delivered,
      lost: EVENTS - delivered,
      writes_per_s: writesPerSecond,
    };
  } finally {
    for (const client of clients) client.close();
    await app.stop();
    await service?.stop();
  }
}

async function main(): Promise<number> {
  if (process.argv.includes("--app")) {
    await runApp();
    return 0;
  }
  if (process.argv.includes("--stand-in")) {
    await runStandIn();
    return 0;
  }
  log(`bench:realtime — ${EVENTS} events, ${CLIENTS} connected clients per driver`);
  log(`database: ${url.replace(/\/\/[^@/]*@/, "//")} (recreated)`);
  await recreateDatabase(url);
  const results = {} as Record<Driver, DriverResult>;
  let ok = true;
  for (const driver of drivers) {
    const result = await runDriver(driver);
    results[driver] = result;
    const met = result.p95_ms <= TARGET_P95_MS && result.lost === 0;
    ok &&= met;
    log(
      `${driver.padEnd(15)} p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms, ` +
        `p99 ${result.p99_ms} ms, max ${result.max_ms} ms; delivered ${result.delivered}/${EVENTS} ` +
        `at ${result.writes_per_s} writes/s — ${met ? "met" : "MISSED"} (p95 ≤ ${TARGET_P95_MS} ms, none lost)`,
    );
  }
  log(
    JSON.stringify({
      bench: "realtime",
      events: EVENTS,
      clients: CLIENTS,
      drivers: Object.fromEntries(
        drivers.map((driver) => {
          const { p50_ms, p95_ms, delivered, lost } = results[driver];
          return [driver, { p50_ms, p95_ms, delivered, lost }];
        }),
      ),
    }),
  );
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
