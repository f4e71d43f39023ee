import { randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { type Database, getDb } from "@/db/client";
import {
  conversationEvents,
  type Member,
  members,
  type Role,
  type RoutingMode,
  type User,
  users,
  type Workspace,
  workspaces,
} from "@/db/schema";
import { routingModeChanged } from "@/lib/assignment/routing-changed";
import {
  type AvailabilityChange,
  setMemberAvailability,
} from "@/lib/assignment/set-member-availability";
import { resolveWorkspaceContext } from "@/lib/auth/workspace-context";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { setConversationStatus } from "@/lib/conversations/set-status";
import { type Viewer, viewerFor } from "@/lib/conversations/viewer";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { rawRows } from "./factories";

/**
 * A workspace for the assignment tests: an Admin (offline, so routing is about the people the
 * test names) and named members of any role, with helpers that go through the app's own
 * functions — arrivals, customer messages, closes, availability, mode changes.
 */

export interface Person {
  user: User;
  member: Member;
}

export interface AssignmentWorld {
  db: Database;
  workspaceId: string;
  slug: string;
  admin: Person;
  people: Record<string, Person>;
}

/** Users without passwords: nobody signs in here, and hashing would only cost time. */
async function person(db: Database, name: string): Promise<User> {
  const [user] = await db
    .insert(users)
    .values({ name, email: `${name.toLowerCase()}-${randomBytes(5).toString("hex")}@example.test` })
    .returning();
  if (!user) throw new Error("user insert returned nothing");
  return user;
}

export async function buildWorld({
  people = {},
  mode = "manual",
  settings = {},
}: {
  /** Name → role; each starts offline, accepting chats, without capacity. */
  people?: Record<string, Role>;
  mode?: RoutingMode;
  settings?: Partial<Pick<Workspace, "selfAssignOnFirstReply" | "resetAssigneeOnClose">>;
} = {}): Promise<AssignmentWorld> {
  const db = await getDb();
  const adminUser = await person(db, "Admin");
  const workspace = await createWorkspace(db, {
    userId: adminUser.id,
    name: `Routing ${randomBytes(3).toString("hex")}`,
  });
  await db
    .update(workspaces)
    .set({ routingMode: mode, ...settings })
    .where(eq(workspaces.id, workspace.id));
  const [adminMember] = await db
    .update(members)
    .set({ status: "offline" })
    .where(and(eq(members.workspaceId, workspace.id), eq(members.userId, adminUser.id)))
    .returning();
  if (!adminMember) throw new Error("the workspace has no admin");
  const named: Record<string, Person> = {};
  for (const [name, role] of Object.entries(people)) {
    const user = await person(db, name);
    const [member] = await db
      .insert(members)
      .values({ workspaceId: workspace.id, userId: user.id, role })
      .returning();
    if (!member) throw new Error("member insert returned nothing");
    named[name] = { user, member };
  }
  return {
    db,
    workspaceId: workspace.id,
    slug: workspace.slug,
    admin: { user: adminUser, member: adminMember },
    people: named,
  };
}

export function who(world: AssignmentWorld, name: string): Person {
  const found = world.people[name];
  if (!found) throw new Error(`nobody called ${name}`);
  return found;
}

export async function workspaceOf(world: AssignmentWorld): Promise<Workspace> {
  const [row] = await world.db
    .select()
    .from(workspaces)
    .where(eq(workspaces.id, world.workspaceId));
  if (!row) throw new Error("workspace vanished");
  return row;
}

/** The viewer a request of this person builds (the Admin when no name is given). */
export async function viewerOf(world: AssignmentWorld, name?: string): Promise<Viewer> {
  const user = name ? who(world, name).user : world.admin.user;
  return viewerFor(
    await resolveWorkspaceContext(world.db, {
      userId: user.id,
      slug: world.slug,
      permission: "conversations.view",
    }),
  );
}

export async function setAvailability(
  world: AssignmentWorld,
  name: string,
  change: AvailabilityChange,
): Promise<number> {
  const { routed } = await setMemberAvailability(world.db, {
    workspace: await workspaceOf(world),
    memberId: who(world, name).member.id,
    actorMemberId: who(world, name).member.id,
    change,
  });
  return routed;
}

export async function online(world: AssignmentWorld, ...names: string[]): Promise<void> {
  for (const name of names) await setAvailability(world, name, { status: "online" });
}

let handles = 0;

/** A customer writes on the API channel: a new conversation, or theirs continued/reopened. */
export async function customerWrites(
  world: AssignmentWorld,
  { handle, teamId = null }: { handle?: string; teamId?: string | null } = {},
) {
  handles += 1;
  const received = await receiveInboundMessage(world.db, {
    workspaceId: world.workspaceId,
    channel: "api",
    handle: handle ?? `customer-${handles}-${randomBytes(3).toString("hex")}`,
    contact: { name: `Customer ${handles}` },
    body: "Hello, can someone help?",
    teamId,
  });
  return received;
}

/** A new conversation; returns it with the handle that continues it. */
export async function arrive(world: AssignmentWorld, teamId: string | null = null) {
  const handle = `customer-${randomBytes(6).toString("hex")}`;
  const { conversation } = await customerWrites(world, { handle, teamId });
  return { ...conversation, handle };
}

export async function close(world: AssignmentWorld, conversationId: string): Promise<void> {
  await setConversationStatus(world.db, {
    viewer: await viewerOf(world),
    conversationId,
    status: "closed",
  });
}

/** Changes the workspace's routing mode the way Settings → Routing does. */
export async function setWorkspaceMode(world: AssignmentWorld, mode: RoutingMode) {
  return world.db.transaction(async (tx) => {
    const [workspace] = await tx
      .update(workspaces)
      .set({ routingMode: mode })
      .where(eq(workspaces.id, world.workspaceId))
      .returning();
    if (!workspace) throw new Error("workspace vanished");
    return routingModeChanged(tx, { workspace, teamId: null, now: new Date() });
  });
}

export async function eventsOf(world: AssignmentWorld, conversationId: string) {
  return world.db
    .select({
      type: conversationEvents.type,
      actor: conversationEvents.actorMemberId,
      data: conversationEvents.data,
    })
    .from(conversationEvents)
    .where(eq(conversationEvents.conversationId, conversationId))
    .orderBy(asc(conversationEvents.createdAt));
}

/** Members whose kept load differs from a recount of their open assigned conversations. */
export async function loadDrift(workspaceId: string) {
  return rawRows<{ id: string; kept: number; counted: number }>(sql`
    select m.id, m.open_conversations as kept, count(c.id)::int as counted
    from members m
    left join conversations c on c.assignee_id = m.id and c.status = 'open'
    where m.workspace_id = ${workspaceId}
    group by m.id, m.open_conversations
    having m.open_conversations <> count(c.id)`);
}
