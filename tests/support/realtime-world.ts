import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { type Database, getDb } from "@/db/client";
import {
  type Member,
  members,
  type Role,
  type User,
  users,
  type Workspace,
  workspaces,
} from "@/db/schema";
import { resolveWorkspaceContext } from "@/lib/auth/workspace-context";
import { issueVisitor } from "@/lib/channels/widget/visitor-token";
import { type Viewer, viewerFor } from "@/lib/conversations/viewer";
import { authorizeChannel } from "@/lib/realtime/authorize-channel";
import { addTeamMember } from "@/lib/teams/add-team-member";
import { createTeam } from "@/lib/teams/create-team";
import { createWorkspace } from "@/lib/workspaces/create-workspace";

/**
 * A workspace for the live-update tests: an Admin, a Manager, a Viewer and three Agents —
 * one in Sales, one in Support, one in no team (who sees the unassigned queue only when the
 * workspace lets Agents see it). Everyone starts offline, so routing is the test's to start.
 */

export const personNames = ["admin", "manager", "viewer", "sales", "support", "free"] as const;
export type PersonName = (typeof personNames)[number];

export interface Person {
  user: User;
  member: Member;
}

export interface RealtimeWorld {
  db: Database;
  workspaceId: string;
  slug: string;
  publicId: string;
  teams: { sales: string; support: string };
  people: Record<PersonName, Person>;
}

const roles: Record<Exclude<PersonName, "admin">, Role> = {
  manager: "manager",
  viewer: "viewer",
  sales: "agent",
  support: "agent",
  free: "agent",
};

async function person(db: Database, name: string): Promise<User> {
  const [user] = await db
    .insert(users)
    .values({
      name,
      email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${randomBytes(5).toString("hex")}@example.test`,
    })
    .returning();
  if (!user) throw new Error("user insert returned nothing");
  return user;
}

export async function buildRealtimeWorld({
  agentsSeeUnassigned = true,
  label = "Live",
}: {
  agentsSeeUnassigned?: boolean;
  label?: string;
} = {}): Promise<RealtimeWorld> {
  const db = await getDb();
  const adminUser = await person(db, `${label} Admin`);
  const created = await createWorkspace(db, {
    userId: adminUser.id,
    name: `${label} ${randomBytes(3).toString("hex")}`,
  });
  const [workspace] = await db
    .update(workspaces)
    .set({ agentsSeeUnassigned })
    .where(eq(workspaces.id, created.id))
    .returning();
  if (!workspace) throw new Error("workspace vanished");
  const [admin] = await db
    .update(members)
    .set({ status: "offline" })
    .where(and(eq(members.workspaceId, workspace.id), eq(members.userId, adminUser.id)))
    .returning();
  if (!admin) throw new Error("the workspace has no admin");
  const people = { admin: { user: adminUser, member: admin } } as Record<PersonName, Person>;
  for (const [name, role] of Object.entries(roles) as [Exclude<PersonName, "admin">, Role][]) {
    const user = await person(db, `${label} ${name[0]?.toUpperCase()}${name.slice(1)}`);
    const [member] = await db
      .insert(members)
      .values({ workspaceId: workspace.id, userId: user.id, role })
      .returning();
    if (!member) throw new Error("member insert returned nothing");
    people[name] = { user, member };
  }
  const team = (name: string) =>
    createTeam(db, {
      workspaceId: workspace.id,
      actorMemberId: admin.id,
      name,
      routingMode: "inherit",
    });
  const sales = await team("Sales");
  const support = await team("Support");
  for (const [teamId, name] of [
    [sales.id, "sales"],
    [support.id, "support"],
  ] as const) {
    await addTeamMember(db, {
      workspaceId: workspace.id,
      actorMemberId: admin.id,
      teamId,
      memberId: people[name].member.id,
    });
  }
  return {
    db,
    workspaceId: workspace.id,
    slug: workspace.slug,
    publicId: workspace.publicId,
    teams: { sales: sales.id, support: support.id },
    people,
  };
}

export async function workspaceOf(world: RealtimeWorld): Promise<Workspace> {
  const [row] = await world.db
    .select()
    .from(workspaces)
    .where(eq(workspaces.id, world.workspaceId));
  if (!row) throw new Error("workspace vanished");
  return row;
}

/** The viewer a request of this person builds now (read from the database, as every request). */
export async function viewerOf(world: RealtimeWorld, name: PersonName): Promise<Viewer> {
  return viewerFor(
    await resolveWorkspaceContext(world.db, {
      userId: world.people[name].user.id,
      slug: world.slug,
      permission: "conversations.view",
    }),
  );
}

/** A new web chat visitor of this workspace: their id and token, as the widget gets them. */
export function newVisitor(world: RealtimeWorld): { visitorId: string; token: string } {
  return issueVisitor(world.publicId);
}

/**
 * What POST /api/realtime/auth does for a signed-in user (or a visitor with a token): the
 * route reads the session's user id, then calls authorizeChannel with the form fields.
 */
export function authorizeAs(world: RealtimeWorld, who: { userId: string | null; token?: string }) {
  return ({ socketId, channelName }: { socketId: string; channelName: string }) =>
    authorizeChannel(world.db, {
      userId: who.userId,
      input: {
        socket_id: socketId,
        channel_name: channelName,
        workspace: world.slug,
        ...(who.token ? { token: who.token } : {}),
      },
    });
}
