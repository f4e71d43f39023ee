import "server-only";
import {
  and,
  asc,
  eq,
  inArray,
  isNotNull,
  isNull,
  notInArray,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  type Conversation,
  conversationEvents,
  conversations,
  type RoutingMode,
  type Workspace,
  workspaces,
} from "@/db/schema";
import { notificationWrites } from "@/lib/notifications/notify";
import { conversationChangeEntries, emitMany } from "@/lib/realtime/emit";
import { assigneeNotifications } from "./notify-assignee";
import { type RouteTrigger, routable, timeFormatter } from "./route-conversation";
import { buildDecision, type RoutingDecision, summarizeDecision } from "./routing-decision";
import { lockRouting } from "./routing-lock";
import { findPool, lastServed, loadCandidates, rememberServed } from "./routing-pool";
import { type Candidate, choose } from "./routing-rules";

/** How many waiting conversations one drain looks at. */
const BATCH = 200;

/** A conversation whose arrival (or reopening) the drain answers for. */
export interface Arrival {
  conversationId: string;
  trigger: RouteTrigger;
}

export interface DrainResult {
  /** Every conversation the drain gave a member (not only the caller's), in routing order. */
  routed: { conversationId: string; memberId: string }[];
  /** Arrivals another transaction held, so this drain could not look at them. */
  held: string[];
}

interface Routed {
  conversation: Conversation;
  chosen: Candidate;
  decision: RoutingDecision;
}

const byQueue = (a: Conversation, b: Conversation) =>
  (a.queuedAt?.getTime() ?? 0) - (b.queuedAt?.getTime() ?? 0) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Routes waiting conversations, oldest first, under the routing lock: when someone may have
 * become eligible (came online, got capacity back, joined a team, a mode changed), and after
 * every arrival's commit. One batch takes a handful of statements whatever its size: the
 * candidates of each pool are read once and every choice is made in memory with the pure
 * rules, each pick raising the chosen member's load before the next; then one update, one
 * insert of events, one of live events and one of notifications write them all. A pool whose
 * members are all busy keeps the rest of its queue; a full batch is followed by another, past
 * such pools, until the queue stops moving — nothing routable is left waiting behind them.
 *
 * Runs in the caller's transaction, so it cannot miss a conversation queued concurrently.
 * Rows another transaction holds are skipped: that transaction routes them itself (under this
 * lock), or routes them after its commit if they still wait (a customer's follow-up and a
 * member's note or reply do: receive-inbound-message.ts, send-message.ts), or — for
 * `arrivals` — the caller tries again holding them (`routeAfterCommit`). An arrival this drain
 * cannot route gets its one `queued` event, with the decision that found nobody eligible.
 */
export async function drainQueue(
  tx: Database,
  {
    workspace,
    actorMemberId = null,
    now,
    limit = BATCH,
    arrivals = [],
  }: {
    workspace: Workspace;
    actorMemberId?: string | null;
    now: Date;
    limit?: number;
    arrivals?: readonly Arrival[];
  },
): Promise<DrainResult> {
  await lockRouting(tx, workspace.id);
  const result: DrainResult = { routed: [], held: [] };
  // Pools nobody in them can take now: later batches read past their conversations, so a
  // pool whose members are all busy never keeps another pool's conversations waiting.
  const blocked = new Set<string | null>();
  for (let round = 0; ; round++) {
    const batch = await drainBatch(tx, {
      workspace,
      actorMemberId,
      now,
      limit,
      arrivals: round === 0 ? arrivals : [],
      blocked,
      picked: result.routed.length,
    });
    if (round === 0) result.held = batch.held;
    result.routed.push(...batch.routed);
    // A full batch may have more waiting behind it: read on while batches still move.
    if (!batch.full || !batch.progress) return result;
  }
}

/** One batch of `drainQueue`: up to `limit` waiting conversations (and the arrivals). */
async function drainBatch(
  tx: Database,
  {
    workspace,
    actorMemberId,
    now,
    limit,
    arrivals,
    blocked,
    picked,
  }: {
    workspace: Workspace;
    actorMemberId: string | null;
    now: Date;
    limit: number;
    arrivals: readonly Arrival[];
    /** Pools found with nobody eligible so far (read past); this batch adds to it. */
    blocked: Set<string | null>;
    /** Conversations this drain routed in earlier batches. */
    picked: number;
  },
): Promise<DrainResult & { full: boolean; progress: boolean }> {
  const arrivalIds = arrivals.map((a) => a.conversationId);
  const blockedTeams = [...blocked].filter((teamId): teamId is string => teamId !== null);
  const queued = and(
    isNotNull(conversations.queuedAt),
    blocked.has(null) ? isNotNull(conversations.teamId) : undefined,
    blockedTeams.length > 0
      ? or(isNull(conversations.teamId), notInArray(conversations.teamId, blockedTeams))
      : undefined,
  );
  const mine = arrivalIds.length > 0 ? inArray(conversations.id, arrivalIds) : null;
  // The caller's arrivals come first whatever the limit; the queue fills the rest, oldest first.
  // Each row also carries the workspace's routing mode as committed now, under the routing
  // lock: the caller's copy may predate a mode change (a drain serves several callers' copies).
  const read = await tx
    .select({
      conversation: conversations,
      routingMode: sql<RoutingMode>`(select w.routing_mode from ${workspaces} w where w.id = ${workspace.id})`,
    })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspace.id), mine ? or(queued, mine) : queued))
    .orderBy(
      ...(mine ? [sql`(${mine}) desc`] : []),
      asc(conversations.queuedAt),
      asc(conversations.id),
    )
    .limit(limit + arrivalIds.length)
    .for("update", { of: conversations, skipLocked: true });
  const batch = read.map((row) => row.conversation);
  const current = read[0] ? { ...workspace, routingMode: read[0].routingMode } : workspace;
  const seen = new Set(batch.map((c) => c.id));
  const held = arrivalIds.filter((id) => !seen.has(id));
  const triggers = new Map(arrivals.map((a) => [a.conversationId, a.trigger]));

  const leave: Conversation[] = [];
  const pools = new Map<string | null, Conversation[]>();
  for (const conversation of batch.filter((c) => c.queuedAt !== null).sort(byQueue)) {
    if (!routable(conversation)) leave.push(conversation);
    else pools.set(conversation.teamId, [...(pools.get(conversation.teamId) ?? []), conversation]);
  }

  const known = new Map<string, Candidate>();
  const routed: Routed[] = [];
  const explained: { conversation: Conversation; decision: RoutingDecision }[] = [];
  const blockedBefore = blocked.size;
  for (const [teamId, waiting] of pools) {
    const pool = await findPool(tx, current, teamId);
    if (!pool.strategy) {
      leave.push(...waiting);
      continue;
    }
    // A member in several pools is one candidate: a pick in one pool loads them in all.
    const candidates = (await loadCandidates(tx, { workspaceId: workspace.id, pool })).map(
      (loaded) => {
        const same = known.get(loaded.memberId);
        if (same) return same;
        known.set(loaded.memberId, loaded);
        return loaded;
      },
    );
    let last =
      pool.strategy === "round_robin"
        ? await lastServed(tx, { workspaceId: workspace.id, pool })
        : null;
    let served = false;
    for (const [i, conversation] of waiting.entries()) {
      const choice = choose(pool.strategy, candidates, last);
      const decision = buildDecision({ ...pool, strategy: pool.strategy, candidates, choice });
      if (!choice) {
        for (const rest of waiting.slice(i)) {
          if (triggers.has(rest.id)) explained.push({ conversation: rest, decision });
        }
        blocked.add(teamId);
        break;
      }
      routed.push({ conversation, chosen: choice.chosen, decision });
      choice.chosen.openConversations += 1;
      // A millisecond apart per pick, in pick order: two members picked in this drain and tied
      // on load later in it fall to whoever was picked first (oldest last assignment), not to
      // their ids. The write stamps them with clock_timestamp() (migration 0009).
      choice.chosen.lastAssignedAt = new Date(now.getTime() + picked + routed.length);
      last = choice.chosen.memberId;
      served = true;
    }
    if (pool.strategy === "round_robin" && served && last !== null) {
      await rememberServed(tx, { workspaceId: workspace.id, pool, memberId: last, now });
    }
  }

  await writeDrain(tx, { workspace, actorMemberId, now, routed, leave, explained, triggers });
  return {
    routed: routed.map((r) => ({
      conversationId: r.conversation.id,
      memberId: r.chosen.memberId,
    })),
    held,
    full: batch.length >= limit + arrivalIds.length,
    progress: routed.length > 0 || leave.length > 0 || blocked.size > blockedBefore,
  };
}

/**
 * The drain's writes in one statement for the whole batch: the assignments, their events, the
 * assignees' notifications and every live event (`emitMany` runs the writes alongside). Before
 * it, at most two reads: which waiting arrivals still need their `queued` explanation, and
 * this transaction's earlier live events about the routed conversations.
 */
async function writeDrain(
  tx: Database,
  {
    workspace,
    actorMemberId,
    now,
    routed,
    leave,
    explained,
    triggers,
  }: {
    workspace: Workspace;
    actorMemberId: string | null;
    now: Date;
    routed: Routed[];
    leave: Conversation[];
    explained: { conversation: Conversation; decision: RoutingDecision }[];
    triggers: Map<string, RouteTrigger>;
  },
): Promise<void> {
  const writes: SQL[] = [];
  const rows = [
    ...routed.map((r) => sql`(${r.conversation.id}::uuid, ${r.chosen.memberId}::uuid)`),
    ...leave.map((c) => sql`(${c.id}::uuid, null::uuid)`),
  ];
  if (rows.length > 0) {
    // The member-load trigger (migration 0009) keeps open_conversations and last_assigned_at.
    writes.push(sql`
      update conversations c
      set assignee_id = coalesce(v.assignee_id, c.assignee_id), queued_at = null
      from (values ${sql.join(rows, sql`, `)}) as v(id, assignee_id)
      where c.id = v.id`);
  }
  const formatTime = timeFormatter(workspace);
  // Only the first drain that finds nobody for an arrival explains it (once per wait). The
  // explained are never among the rows written above (those were routed or left), so reading
  // before the writes sees what reading after them would.
  const unexplained =
    explained.length === 0
      ? new Set<string>()
      : new Set(
          (
            await tx
              .select({ id: conversations.id })
              .from(conversations)
              .where(
                and(
                  inArray(
                    conversations.id,
                    explained.map((e) => e.conversation.id),
                  ),
                  sql`not exists (select 1 from ${conversationEvents} e
                    where e.conversation_id = ${conversations.id} and e.type = 'queued'
                      and e.created_at >= ${conversations.queuedAt})`,
                ),
              )
          ).map((r) => r.id),
        );
  const events = [
    ...routed.map(({ conversation, chosen, decision }) => ({
      workspaceId: workspace.id,
      conversationId: conversation.id,
      type: "routed",
      actorMemberId,
      data: {
        to: chosen.memberId,
        toName: chosen.name,
        teamId: decision.teamId,
        trigger: triggers.get(conversation.id) ?? "queue",
        reason: summarizeDecision(decision, formatTime),
        decision,
      },
      createdAt: now,
    })),
    ...explained
      .filter(({ conversation }) => unexplained.has(conversation.id))
      .map(({ conversation, decision }) => ({
        workspaceId: workspace.id,
        conversationId: conversation.id,
        type: "queued",
        actorMemberId,
        data: {
          teamId: decision.teamId,
          trigger: triggers.get(conversation.id) ?? "queue",
          reason: "nobody eligible",
          decision,
        },
        createdAt: now,
      })),
  ];
  if (events.length > 0) writes.push(tx.insert(conversationEvents).values(events).getSQL());
  const live =
    routed.length === 0
      ? []
      : await conversationChangeEntries(tx, {
          workspaceId: workspace.id,
          changes: routed.map(({ conversation, chosen }) => ({
            conversationId: conversation.id,
            states: [conversation, { ...conversation, assigneeId: chosen.memberId }],
            change: "assignment" as const,
          })),
        });
  const notes = notificationWrites(
    tx,
    assigneeNotifications({
      workspaceId: workspace.id,
      assignments: routed.map((r) => ({
        conversationId: r.conversation.id,
        memberId: r.chosen.memberId,
      })),
      actorMemberId,
      via: "routing",
    }),
  );
  if (notes) writes.push(notes.write);
  await emitMany(tx, [...live, ...(notes?.live ?? [])], writes);
}

/**
 * Routes conversations that arrived (or reopened) in a transaction that has just committed:
 * a drain in its own short transaction, blocking on the routing lock — never a try-lock, or a
 * conversation queued while another drain held the lock could be left waiting with someone
 * eligible. Callers of one process share drains: a call made while a drain of its workspace
 * runs waits for the next one, which starts after its commit and serves every call that came
 * meanwhile. So concurrent arrivals take the lock once per batch, not once each. An arrival
 * another transaction held is drained again with its row locked first (rows before the
 * routing lock: routing-lock.ts).
 */
export function routeAfterCommit(
  db: Database,
  { workspace, arrivals, now }: { workspace: Workspace; arrivals: readonly Arrival[]; now: Date },
): Promise<DrainResult> {
  let drains = combiners.get(db);
  if (!drains) {
    drains = new Map();
    combiners.set(db, drains);
  }
  let combiner = drains.get(workspace.id);
  if (!combiner) {
    combiner = { waiting: [], running: false };
    drains.set(workspace.id, combiner);
  }
  const joined = combiner;
  const result = new Promise<DrainResult>((resolve, reject) => {
    joined.waiting.push({ arrivals, now, resolve, reject });
  });
  if (!joined.running) void runDrains(db, workspace, joined);
  return result;
}

interface Waiter {
  arrivals: readonly Arrival[];
  now: Date;
  resolve: (result: DrainResult) => void;
  reject: (error: unknown) => void;
}

interface Combiner {
  waiting: Waiter[];
  running: boolean;
}

/** Per database handle and workspace, the calls waiting for the next drain. */
const combiners = new WeakMap<Database, Map<string, Combiner>>();

async function runDrains(db: Database, workspace: Workspace, combiner: Combiner): Promise<void> {
  combiner.running = true;
  try {
    while (combiner.waiting.length > 0) {
      const waiters = combiner.waiting.splice(0);
      const arrivals = waiters.flatMap((w) => w.arrivals);
      // Routed no earlier than it arrived, whatever clock the arrival was given.
      const at = new Date(Math.max(Date.now(), ...waiters.map((w) => w.now.getTime())));
      try {
        const drained = await db.transaction((tx) =>
          drainQueue(tx, { workspace, now: at, arrivals }),
        );
        const held = new Set(drained.held);
        for (const waiter of waiters) {
          const mine = waiter.arrivals.filter((a) => held.has(a.conversationId));
          if (mine.length === 0) waiter.resolve({ routed: drained.routed, held: [] });
          else {
            drainHolding(db, { workspace, arrivals: mine, now: at }).then(
              (again) =>
                waiter.resolve({ routed: [...drained.routed, ...again.routed], held: again.held }),
              waiter.reject,
            );
          }
        }
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
    }
  } finally {
    combiner.running = false;
    combiners.get(db)?.delete(workspace.id);
  }
}

/** A drain that first waits for the arrivals' rows another transaction held. */
function drainHolding(
  db: Database,
  { workspace, arrivals, now }: { workspace: Workspace; arrivals: readonly Arrival[]; now: Date },
): Promise<DrainResult> {
  return db.transaction(async (tx) => {
    await tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        inArray(
          conversations.id,
          arrivals.map((a) => a.conversationId),
        ),
      )
      .for("update");
    return drainQueue(tx, { workspace, now, arrivals });
  });
}
