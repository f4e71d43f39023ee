import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import {
  agentKnowledge,
  aiAgents,
  apiKeys,
  invitations,
  members,
  type Role,
  teams,
  users,
  workspaces,
} from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import type { Actor } from "@/lib/auth/actions";
import { type Permission, permissions } from "@/lib/auth/permissions";
import { registeredEntries } from "@/lib/auth/registry";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import type { ErrorBody, Result } from "@/lib/errors";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { randomEmail } from "../support/factories";

/**
 * The permission matrix: every server action and route handler, for every kind of caller,
 * against DESIGN.md's table (lib/auth/permissions.ts). A new action or route that skips the
 * wrappers, and so the registry, fails the first test.
 */

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const serverActionFiles = ["app", "lib", "components"]
  .flatMap((dir) => sourceFiles(path.join(root, dir)))
  .filter((file) => /^\s*["']use server["']/.test(readFileSync(file, "utf8")));
const routeFiles = sourceFiles(path.join(root, "app")).filter((file) => file.endsWith("route.ts"));

type RunnableAction = ((input: unknown) => Promise<Result<unknown>>) & {
  registryName: string;
  run: (actor: Actor, input: unknown) => Promise<Result<unknown>>;
};
type RunnableRoute = ((...args: unknown[]) => Promise<Response>) & {
  registryName: string;
  run?: (actor: Actor, request: Request, params: Record<string, string>) => Promise<Response>;
};

const actions = new Map<string, RunnableAction>();
const routes = new Map<string, RunnableRoute>();
/** Routes of the inbound API: their door takes an API key, not a member (`apiKeyRoute`). */
type ApiKeyRoute = ((...args: unknown[]) => Promise<Response>) & {
  registryName: string;
  run: (request: Request, params: Record<string, string>) => Promise<Response>;
};
const apiKeyRoutes = new Map<string, ApiKeyRoute>();
const strays: string[] = [];
const httpMethods = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

beforeAll(async () => {
  for (const file of serverActionFiles) {
    const module: Record<string, unknown> = await import(file);
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === "function" && "registryName" in value && "run" in value) {
        actions.set(String(value.registryName), value as RunnableAction);
      } else {
        strays.push(`${path.relative(root, file)}: ${name}`);
      }
    }
  }
  for (const file of routeFiles) {
    const module: Record<string, unknown> = await import(file);
    for (const [name, value] of Object.entries(module)) {
      if (!httpMethods.has(name)) continue;
      if (typeof value === "function" && "registryName" in value) {
        const registryName = String(value.registryName);
        const entry = registeredEntries().find((candidate) => candidate.name === registryName);
        if (entry?.access === "apiKey") apiKeyRoutes.set(registryName, value as ApiKeyRoute);
        else routes.set(registryName, value as RunnableRoute);
      } else {
        strays.push(`${path.relative(root, file)}: ${name}`);
      }
    }
  }
}, 60_000);

interface World {
  slug: string;
  workspaceId: string;
  actors: Record<string, Actor>;
}

/** Users without passwords are enough here: the matrix never signs in through the form. */
async function user(label: string) {
  const db = await getDb();
  const [row] = await db
    .insert(users)
    .values({ name: label, email: randomEmail(label) })
    .returning();
  if (!row) throw new Error("user insert returned nothing");
  return row;
}

/** A workspace with a member of every role and a removed member, plus another workspace's Admin. */
async function buildWorld(): Promise<World> {
  const db = await getDb();
  const admin = await user("admin");
  const workspace = await createWorkspace(db, { userId: admin.id, name: "Matrix" });
  const actors: Record<string, Actor> = { admin: { userId: admin.id } };
  for (const role of ["manager", "agent", "viewer"] as const) {
    const person = await user(role);
    await db.insert(members).values({ workspaceId: workspace.id, userId: person.id, role });
    actors[role] = { userId: person.id };
  }
  const removed = await user("removed");
  await db.insert(members).values({
    workspaceId: workspace.id,
    userId: removed.id,
    role: "admin",
    removedAt: new Date(),
  });
  actors.removed = { userId: removed.id };
  const foreign = await user("foreign");
  await createWorkspace(db, { userId: foreign.id, name: "Elsewhere" });
  actors.foreignAdmin = { userId: foreign.id };
  actors.visitor = { userId: null };
  return { slug: workspace.slug, workspaceId: workspace.id, actors };
}

const roleOf: Record<string, Role | undefined> = {
  admin: "admin",
  manager: "manager",
  agent: "agent",
  viewer: "viewer",
};

/**
 * DESIGN.md's table, written out per action and route, independently of
 * lib/auth/permissions.ts: which roles each one lets in. "public" is anyone, "user" any
 * signed-in person. A new entry must be added here, with the roles DESIGN.md gives it.
 */
const A = "admin";
const M = "manager";
const G = "agent";
const V = "viewer";
const expectedAccess: Record<string, "public" | "user" | "apiKey" | Role[]> = {
  "auth.signUp": "public",
  "auth.signIn": "public",
  "auth.magicLink": "public",
  "auth.signOut": "public",
  "GET /api/health": "public",
  "GET /api/auth/*": "public",
  "POST /api/auth/*": "public",
  "workspace.create": "user",
  "account.setPassword": "user",
  "invitations.accept": "user",
  // Workspace settings, plan: Admin.
  "workspace.update": [A],
  // Settings → Routing (mode, self-assign, reset on close, Agents see Unassigned): Admin.
  "workspace.updateRouting": [A],
  "plan.change": [A],
  // Channels (the web chat widget's settings): Admin. The widget's own endpoints are public:
  // a signed visitor token, not a member, opens them (tests/integration/widget.test.ts).
  "channels.updateWidget": [A],
  "POST /api/widget/:publicId/session": "public",
  "GET /api/widget/:publicId/messages": "public",
  "POST /api/widget/:publicId/messages": "public",
  "GET /api/widget/:publicId/events": "public",
  "POST /api/widget/:publicId/stream-ticket": "public",
  "POST /api/realtime/auth": "public",
  // API keys: Admin. The inbound API's routes take a key instead of a member (tested below).
  "apiKeys.create": [A],
  "apiKeys.revoke": [A],
  "GET /api/v1/conversations": "apiKey",
  "POST /api/v1/conversations": "apiKey",
  "GET /api/v1/conversations/:id": "apiKey",
  "POST /api/v1/conversations/:id/messages": "apiKey",
  "GET /api/v1/conversations/:id/assignment": "apiKey",
  "POST /api/v1/conversations/:id/assignment": "apiKey",
  "GET /api/v1/openapi.json": "public",
  "ANY /api/v1/*": "public",
  // Invite, remove members, change roles: Admin.
  "members.invite": [A],
  "members.resendInvitation": [A],
  "members.revokeInvitation": [A],
  "members.changeRole": [A],
  "members.remove": [A],
  // Anyone may leave (the last Admin is refused by a rule, not by the door).
  "members.leave": [A, M, G, V],
  // Capacity and "accepts chats" of any member: Admin (like roles). One's own status and
  // "accepts chats": everyone who may reply — they only steer routing, which skips Viewers.
  "members.setAvailability": [A],
  "members.setMyAvailability": [A, M, G],
  // Manage teams: Admin and Manager.
  "teams.create": [A, M],
  "teams.rename": [A, M],
  "teams.delete": [A, M],
  "teams.setRouting": [A, M],
  "teams.addMember": [A, M],
  "teams.removeMember": [A, M],
  // Manage AI agents and their knowledge: Admin and Manager.
  "agents.create": [A, M],
  "agents.update": [A, M],
  "agents.delete": [A, M],
  "agents.addKnowledge": [A, M],
  "agents.updateKnowledge": [A, M],
  "agents.deleteKnowledge": [A, M],
  "agents.importKnowledge": [A, M],
  "GET /api/workspaces/:workspace": [A, M, G, V],
  // See conversations: everyone, each in their scope; reply, note, close, reopen: not Viewers.
  "GET /api/workspaces/:workspace/conversations": [A, M, G, V],
  "GET /api/workspaces/:workspace/views": [A, M, G, V],
  "GET /api/workspaces/:workspace/realtime": [A, M, G, V],
  "POST /api/workspaces/:workspace/realtime": [A, M, G, V],
  "GET /api/workspaces/:workspace/notifications": [A, M, G, V],
  "notifications.markRead": [A, M, G, V],
  "notifications.setPreferences": [A, M, G, V],
  "POST /api/workspaces/:workspace/conversations/:conversationId/presence": [A, M, G, V],
  "GET /api/workspaces/:workspace/conversations/:id": [A, M, G, V],
  "GET /api/workspaces/:workspace/conversations/:id/export": [A, M, G, V],
  "conversations.send": [A, M, G],
  "conversations.setStatus": [A, M, G],
  "conversations.markRead": [A, M, G, V],
  "conversations.markUnread": [A, M, G, V],
  // Assign: Admins and Managers anything; Agents claim and pass on their own (the assignment
  // module tells the two apart); Viewers nothing. The off switch: Admins and Managers.
  "GET /api/workspaces/:workspace/assignees": [A, M, G],
  "conversations.claim": [A, M, G],
  "conversations.assign": [A, M, G],
  "conversations.assignTeam": [A, M, G],
  "conversations.unassign": [A, M, G],
  // AI agents as owners follow the same door: Agents hand only their own to an AI agent and end
  // its session on their own or unassigned ones (lib/assignment/agent-sessions.ts decides).
  "conversations.assignAgent": [A, M, G],
  "conversations.endAgentSession": [A, M, G],
  "conversations.setAssignmentDisabled": [A, M],
  // Reports: Admins and Managers everyone's figures, Agents their own (the scope decides),
  // Viewers none.
  "GET /api/workspaces/:workspace/reports/export": [A, M, G],
};

/** What the door must answer this caller for this entry; null means "let in". */
function expectedRefusal(name: string, caller: string): ErrorBody["code"] | null {
  const access = expectedAccess[name];
  if (access === undefined) throw new Error(`${name} is missing from expectedAccess`);
  if (access === "public") return null;
  if (access === "apiKey") throw new Error(`${name} takes an API key, not a member`);
  if (caller === "visitor") return "unauthenticated";
  if (access === "user") return null;
  const role = roleOf[caller];
  if (!role) return "not_found"; // removed members and other workspaces' Admins see nothing
  return access.includes(role) ? null : "forbidden";
}

const refusals = new Set(["unauthenticated", "forbidden", "not_found"]);

describe("the permission matrix", () => {
  it("finds every server action and route handler in the registry", () => {
    expect(strays, "exports that bypass the action/route wrappers").toEqual([]);
    const registered = new Set(registeredEntries().map((entry) => entry.name));
    for (const name of [...actions.keys(), ...routes.keys(), ...apiKeyRoutes.keys()]) {
      expect(registered).toContain(name);
    }
    expect(actions.size).toBeGreaterThanOrEqual(20);
    for (const entry of registeredEntries()) {
      if (entry.access !== "public" && entry.access !== "user" && entry.access !== "apiKey") {
        expect(permissions).toContain(entry.access satisfies Permission);
      }
    }
    // Every entry has its expected access written down, and nothing stale is.
    expect(Object.keys(expectedAccess).sort()).toEqual([...registered].sort());
  });

  it("answers every caller of every action exactly as the table says", async () => {
    const outcomes: string[] = [];
    const wrong: string[] = [];
    for (const [name, action] of actions) {
      const entry = registeredEntries().find((candidate) => candidate.name === name);
      if (!entry || entry.access === "public") continue;
      // A fresh world per action: an allowed call with an empty input may still act (leave).
      const world = await buildWorld();
      for (const [caller, actor] of Object.entries(world.actors)) {
        const result = await action.run(actor, { workspace: world.slug });
        const got = result.ok ? "ok" : result.error.code;
        const want = expectedRefusal(name, caller);
        const fine = want === null ? !refusals.has(got) : got === want;
        outcomes.push(`${name} as ${caller}: ${got}`);
        if (!fine) wrong.push(`${name} as ${caller}: got ${got}, want ${want ?? "let in"}`);
        if (!result.ok && (got === "not_found" || got === "unauthenticated")) {
          // Outsiders learn nothing about the workspace, not even its name.
          expect(result.error.message).not.toContain("Matrix");
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(100);
  }, 120_000);

  it("answers every caller of every workspace route exactly as the table says", async () => {
    const world = await buildWorld();
    let checked = 0;
    for (const [name, route] of routes) {
      const entry = registeredEntries().find((candidate) => candidate.name === name);
      if (!entry || entry.access === "public" || !route.run) continue;
      for (const [caller, actor] of Object.entries(world.actors)) {
        const response = await route.run(actor, new Request(`http://test/${world.slug}`), {
          workspace: world.slug,
        });
        const want = expectedRefusal(name, caller);
        const status = { unauthenticated: 401, forbidden: 403, not_found: 404 } as const;
        // Let in: whatever the handler says next (422 for a missing id is fine), never a refusal.
        if (want === null)
          expect([401, 403, 404], `${name} as ${caller}`).not.toContain(response.status);
        else
          expect(response.status, `${name} as ${caller}`).toBe(status[want as keyof typeof status]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe("the inbound API's routes", () => {
  it("answer 401 without a key or with a revoked one, and 404 for another workspace's conversation", async () => {
    const db = await getDb();
    const home = await buildWorld();
    const away = await buildWorld();
    const { key } = await createApiKey(db, {
      workspaceId: home.workspaceId,
      createdById: null,
      name: "Matrix key",
    });
    const revoked = await createApiKey(db, {
      workspaceId: home.workspaceId,
      createdById: null,
      name: "Revoked key",
    });
    await revokeApiKey(db, { workspaceId: home.workspaceId, apiKeyId: revoked.apiKey.id });
    const { key: awayKey } = await createApiKey(db, {
      workspaceId: away.workspaceId,
      createdById: null,
      name: "Away key",
    });
    const { conversation: awayConversation } = await receiveInboundMessage(db, {
      workspaceId: away.workspaceId,
      channel: "api",
      handle: "away-customer",
      body: "Away secret",
    });

    const keyRoutes = Object.entries(expectedAccess)
      .filter(([, access]) => access === "apiKey")
      .map(([name]) => name);
    expect([...apiKeyRoutes.keys()].sort()).toEqual(keyRoutes.sort());
    expect(keyRoutes.length).toBeGreaterThanOrEqual(4);
    for (const [name, route] of apiKeyRoutes) {
      const method = name.split(" ")[0] ?? "GET";
      const call = (authorization: string | null) =>
        route.run(
          new Request("http://test/api/v1", {
            method,
            headers: authorization ? { authorization, "content-type": "application/json" } : {},
            body: method === "POST" ? JSON.stringify({ handle: "matrix", body: "Hi" }) : undefined,
          }),
          { id: awayConversation.id },
        );
      for (const authorization of [null, "Bearer sb_live_unknown", `Bearer ${revoked.key}`]) {
        const response = await call(authorization);
        expect(response.status, `${name} with ${authorization}`).toBe(401);
        expect(await response.json()).toMatchObject({ error: { code: "unauthenticated" } });
      }
      const response = await call(`Bearer ${key}`);
      const text = await response.text();
      if (name.includes(":id")) {
        expect(response.status, name).toBe(404);
        expect(text).not.toContain("Away secret");
      } else {
        expect([401, 403, 404], name).not.toContain(response.status);
      }
      expect(text).not.toContain("away-customer");
      // The away workspace's own key is let in to its own conversation.
      expect([401, 403, 404], name).not.toContain((await call(`Bearer ${awayKey}`)).status);
    }
  });
});

describe("objects of another workspace", () => {
  it("answer 404 to an Admin and stay untouched", async () => {
    const db = await getDb();
    const home = await buildWorld();
    const away = await buildWorld();
    const [awayAdminMember] = await db
      .select()
      .from(members)
      .where(eq(members.workspaceId, away.workspaceId));
    const [awayTeam] = await db
      .insert(teams)
      .values({ workspaceId: away.workspaceId, name: "Away team" })
      .returning();
    const [awayInvitation] = await db
      .insert(invitations)
      .values({
        workspaceId: away.workspaceId,
        email: randomEmail("away"),
        role: "agent",
        tokenHash: `hash-${Date.now()}`,
        expiresAt: new Date(Date.now() + 86_400_000),
      })
      .returning();
    if (!awayAdminMember || !awayTeam || !awayInvitation) throw new Error("setup failed");
    const memberId = awayAdminMember.id;
    const teamId = awayTeam.id;
    const invitationId = awayInvitation.id;
    const { apiKey: awayApiKey } = await createApiKey(db, {
      workspaceId: away.workspaceId,
      createdById: null,
      name: "Away key",
    });
    const [awayAgent] = await db
      .insert(aiAgents)
      .values({ workspaceId: away.workspaceId, name: "Away agent" })
      .returning();
    if (!awayAgent) throw new Error("setup failed");
    const agentId = awayAgent.id;
    const [awayEntry] = await db
      .insert(agentKnowledge)
      .values({ workspaceId: away.workspaceId, agentId, kind: "qa", title: "Away?", body: "Yes" })
      .returning();
    if (!awayEntry) throw new Error("setup failed");
    const entryId = awayEntry.id;

    const attempts: [string, Record<string, unknown>][] = [
      ["members.changeRole", { memberId, role: "viewer" }],
      ["members.remove", { memberId }],
      ["members.setAvailability", { memberId, capacity: 1 }],
      ["members.resendInvitation", { invitationId }],
      ["members.revokeInvitation", { invitationId }],
      ["teams.rename", { teamId, name: "Hijacked" }],
      ["teams.delete", { teamId }],
      ["teams.setRouting", { teamId, routingMode: "balanced" }],
      ["teams.addMember", { teamId, memberId }],
      ["teams.removeMember", { teamId, memberId }],
      ["members.invite", { emails: randomEmail("x"), role: "agent", teamIds: [teamId] }],
      ["apiKeys.revoke", { apiKeyId: awayApiKey.id }],
      ["agents.create", { name: "Handoff", handoffTeamId: teamId }],
      ["agents.update", { agentId, name: "Hijacked" }],
      ["agents.delete", { agentId }],
      ["agents.addKnowledge", { agentId, kind: "qa", title: "Q", body: "A" }],
      ["agents.updateKnowledge", { entryId, kind: "qa", title: "Hijacked", body: "A" }],
      ["agents.deleteKnowledge", { entryId }],
      ["agents.importKnowledge", { agentId, csv: "question,answer\nQ,A\n" }],
    ];
    for (const [name, input] of attempts) {
      const action = actions.get(name);
      expect(action, name).toBeDefined();
      const result = await action?.run(home.actors.admin ?? { userId: null }, {
        workspace: home.slug,
        ...input,
      });
      expect(result, name).toMatchObject({ ok: false, error: { code: "not_found" } });
      expect(JSON.stringify(result)).not.toContain("Away team");
    }
    const [team] = await db.select().from(teams).where(eq(teams.id, teamId));
    expect(team?.name).toBe("Away team");
    const [member] = await db.select().from(members).where(eq(members.id, memberId));
    expect(member).toMatchObject({ role: "admin", removedAt: null });
    const [invitation] = await db
      .select()
      .from(invitations)
      .where(eq(invitations.id, invitationId));
    expect(invitation?.status).toBe("pending");
    const [apiKey] = await db.select().from(apiKeys).where(eq(apiKeys.id, awayApiKey.id));
    expect(apiKey?.revokedAt).toBeNull();
    const [agent] = await db.select().from(aiAgents).where(eq(aiAgents.id, agentId));
    expect(agent).toMatchObject({ name: "Away agent", deletedAt: null });
    const knowledge = await db
      .select({ title: agentKnowledge.title })
      .from(agentKnowledge)
      .where(eq(agentKnowledge.agentId, agentId));
    expect(knowledge).toEqual([{ title: "Away?" }]);
    const [workspace] = await db
      .select()
      .from(workspaces)
      .where(eq(workspaces.id, away.workspaceId));
    expect(workspace?.name).toBe("Matrix");
  });
});
