import "server-only";
import http from "node:http";
import https from "node:https";
import { and, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import Pusher from "pusher";
import { type Connection, type Database, getConnection } from "@/db/client";
import { members, realtimeEvents, teamMembers, workspaces } from "@/db/schema";
import { mayReceive, type Subscriber } from "./audience";
import { NOTIFY_CHANNEL } from "./emit";
import { type Audience, memberChannel, type RealtimeEvent, visitorChannel } from "./events";
import { pusherServerConfig } from "./pusher-config";

export interface DeliveredRow {
  id: number;
  workspaceId: string;
  audience: Audience;
  event: RealtimeEvent;
}

/** A live listener in this process (one open stream). */
export interface Subscription {
  workspaceId: string;
  receive(row: DeliveredRow): void;
  /** Ends the subscriber (its stream) when the process shuts down. */
  end?(): void;
}

const RETENTION_MS = 10 * 60_000;
const PRUNE_EVERY_MS = 60_000;
/** Pusher accepts at most 100 channels per trigger. */
const PUSHER_CHANNELS_PER_TRIGGER = 100;

const toRow = (row: typeof realtimeEvents.$inferSelect): DeliveredRow => ({
  id: row.id,
  workspaceId: row.workspaceId,
  audience: row.audience as unknown as Audience,
  event: row.payload as unknown as RealtimeEvent,
});

/**
 * One per process: LISTENs for committed events, reads them, hands each to the streams of
 * this process (which filter by audience) and, with Pusher configured, forwards it once
 * across all instances (the instance that marks it relayed sends it).
 */
class RealtimeHub {
  private readonly subscriptions = new Set<Subscription>();
  private starting: Promise<void> | null = null;
  private listeningOn: Connection | null = null;
  private pending: number[] = [];
  /** The newest event this hub has read: after a lost LISTEN, what came later is read. */
  private lastId: number | null = null;
  private flushing = false;
  private lastPrune = 0;
  private pusher: Pusher | null | undefined;

  /** Listens on the current connection (again, if the database was closed and reopened). */
  async start(): Promise<void> {
    const connection = await getConnection();
    if (this.listeningOn !== connection) {
      this.listeningOn = connection;
      this.starting = connection
        .listen(
          NOTIFY_CHANNEL,
          (payload) => this.notified(payload),
          () => void this.resume(),
        )
        .then(async () => {
          // Where a later lost LISTEN resumes from, until an event is read.
          const [newest] = await connection.db
            .select({ id: sql<number | null>`max(${realtimeEvents.id})` })
            .from(realtimeEvents);
          if (this.lastId === null && newest?.id != null) this.lastId = Number(newest.id);
          this.lastId ??= 0;
        })
        .catch((error: unknown) => {
          this.listeningOn = null;
          throw error;
        });
    }
    await this.starting;
  }

  subscribe(subscription: Subscription): () => void {
    this.subscriptions.add(subscription);
    return () => {
      this.subscriptions.delete(subscription);
    };
  }

  get listeners(): number {
    return this.subscriptions.size;
  }

  /**
   * Shutting down: every open stream ends, so the HTTP server can close (an open Server-Sent
   * Events response keeps it waiting for good) and clients reconnect to another instance.
   */
  endAll(): void {
    for (const subscription of [...this.subscriptions]) subscription.end?.();
    this.subscriptions.clear();
  }

  private notified(payload: string): void {
    const id = Number(payload);
    if (!Number.isSafeInteger(id)) return;
    this.pending.push(id);
    queueMicrotask(() => void this.flush());
  }

  /**
   * The LISTEN connection was lost and is back: events notified meanwhile were never heard, so
   * every event after the newest one read is read now (streams drop what they already have).
   */
  private async resume(): Promise<void> {
    if (this.lastId === null) return;
    try {
      const db = (await getConnection()).db;
      const missed = await db
        .select({ id: realtimeEvents.id })
        .from(realtimeEvents)
        .where(gt(realtimeEvents.id, this.lastId))
        .orderBy(realtimeEvents.id)
        .limit(5_000);
      this.pending.push(...missed.map((row) => row.id));
      void this.flush();
    } catch (error) {
      console.error("[realtime] reading the events missed while not listening failed", error);
    }
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    let ids: number[] = [];
    let retry = false;
    try {
      const db = (await getConnection()).db;
      while (this.pending.length > 0) {
        ids = this.pending.splice(0);
        const rows = (await db.select().from(realtimeEvents).where(inArray(realtimeEvents.id, ids)))
          .map(toRow)
          .sort((a, b) => a.id - b.id);
        const newest = rows.at(-1)?.id;
        if (newest !== undefined && (this.lastId === null || newest > this.lastId)) {
          this.lastId = newest;
        }
        ids = [];
        for (const row of rows) {
          for (const subscription of this.subscriptions) {
            if (subscription.workspaceId === row.workspaceId) subscription.receive(row);
          }
        }
        await this.relay(db, rows);
      }
      await this.prune(db);
    } catch (error) {
      console.error("[realtime] delivery failed", error);
      // Ids not read yet (the read failed) are read again shortly, not dropped.
      if (ids.length > 0) {
        this.pending.unshift(...ids);
        retry = true;
        setTimeout(() => void this.flush(), 1_000).unref();
      }
    } finally {
      this.flushing = false;
      // Ids notified while the last await (the prune) ran found us busy: deliver them now.
      if (!retry && this.pending.length > 0) queueMicrotask(() => void this.flush());
    }
  }

  private pusherClient(): Pusher | null {
    if (this.pusher === undefined) {
      const config = pusherServerConfig();
      // One kept-alive connection pool for the REST calls instead of a handshake per event.
      const agent = config
        ? new (config.useTLS ? https : http).Agent({ keepAlive: true, maxSockets: 16 })
        : undefined;
      // A timeout: an unreachable Pusher must not hold up this process's own streams for the
      // minutes a silent TCP connection takes to fail.
      this.pusher = config ? new Pusher({ ...config, agent, timeout: 5_000 }) : null;
    }
    return this.pusher;
  }

  private async relay(db: Database, rows: DeliveredRow[]): Promise<void> {
    const pusher = this.pusherClient();
    if (!pusher || rows.length === 0) return;
    const claimed = await db
      .update(realtimeEvents)
      .set({ relayedAt: new Date() })
      .where(
        and(
          inArray(
            realtimeEvents.id,
            rows.map((row) => row.id),
          ),
          isNull(realtimeEvents.relayedAt),
        ),
      )
      .returning({ id: realtimeEvents.id });
    const mine = rows.filter((row) => claimed.some((c) => c.id === row.id));
    // Who may receive is read once per workspace for the whole batch, and the batch's REST
    // calls go out together: events are signals to refetch, so their order across calls does
    // not matter, and one slow call must not hold up the rest.
    const subscribers = new Map<string, Promise<Subscriber[]>>();
    const audienceOf = (workspaceId: string) => {
      let found = subscribers.get(workspaceId);
      if (!found) {
        found = workspaceSubscribers(db, workspaceId);
        subscribers.set(workspaceId, found);
      }
      return found;
    };
    const calls: Promise<unknown>[] = [];
    for (const row of mine) {
      const channels =
        row.audience.kind === "visitor"
          ? [visitorChannel(row.audience.publicId, row.audience.visitorId)]
          : row.event.type === "access.changed" && row.audience.kind === "members"
            ? // Also to a member just removed: it is what tells their open tab to go (the
              // built-in stream closes itself). It carries nothing but the signal.
              row.audience.memberIds.map(memberChannel)
            : (await audienceOf(row.workspaceId))
                .filter((subscriber) => mayReceive(subscriber, row.audience))
                .map((subscriber) => memberChannel(subscriber.memberId));
      for (let i = 0; i < channels.length; i += PUSHER_CHANNELS_PER_TRIGGER) {
        calls.push(
          pusher
            .trigger(channels.slice(i, i + PUSHER_CHANNELS_PER_TRIGGER), row.event.type, {
              ...row.event,
              eventId: row.id,
            })
            // One event Pusher refuses (e.g. over 10 kB) must not cost the events after it.
            .catch((error: unknown) =>
              console.error(`[realtime] Pusher refused event ${row.id} (${row.event.type})`, error),
            ),
        );
      }
    }
    await Promise.all(calls);
  }

  private async prune(db: Database): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await db
      .delete(realtimeEvents)
      .where(lt(realtimeEvents.createdAt, new Date(now - RETENTION_MS)));
  }
}

/** Every active member of a workspace as delivery sees them. */
export async function workspaceSubscribers(
  db: Database,
  workspaceId: string,
): Promise<Subscriber[]> {
  const rows = await db
    .select({
      memberId: members.id,
      workspaceId: members.workspaceId,
      role: members.role,
      agentsSeeUnassigned: workspaces.agentsSeeUnassigned,
      teamIds: sql<
        string[]
      >`coalesce((select array_agg(${teamMembers.teamId}) from ${teamMembers} where ${teamMembers.memberId} = ${members.id}), '{}')`,
    })
    .from(members)
    .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
    .where(and(eq(members.workspaceId, workspaceId), isNull(members.removedAt)));
  return rows;
}

/**
 * Events a reconnecting client may have missed: everything after the last id it saw, and —
 * since ids are taken at insert but rows become visible at commit — anything that committed
 * late in the seconds before it. Clients ignore ids they already have.
 */
export async function eventsSince(
  db: Database,
  { workspaceId, afterId }: { workspaceId: string; afterId: number },
): Promise<DeliveredRow[]> {
  const rows = await db
    .select()
    .from(realtimeEvents)
    .where(
      and(
        eq(realtimeEvents.workspaceId, workspaceId),
        or(
          gt(realtimeEvents.id, afterId),
          sql`${realtimeEvents.createdAt} >= (select created_at - interval '5 seconds' from ${realtimeEvents} where id = ${afterId})`,
        ),
      ),
    )
    .orderBy(realtimeEvents.id)
    .limit(1000);
  return rows.map(toRow);
}

const store = globalThis as typeof globalThis & { __switchboardRealtimeHub?: RealtimeHub };

export function realtimeHub(): RealtimeHub {
  store.__switchboardRealtimeHub ??= new RealtimeHub();
  return store.__switchboardRealtimeHub;
}
