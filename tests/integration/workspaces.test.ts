import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/db/client";
import { members, workspaces } from "@/db/schema";
import { workspaceAction } from "@/lib/auth/actions";
import { resolveWorkspaceContext } from "@/lib/auth/workspace-context";
import { AppError } from "@/lib/errors";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { listWorkspacesForUser } from "@/lib/workspaces/queries";
import { makeUser, makeWorkspace } from "../support/factories";

async function codeOf(promise: Promise<unknown>) {
  return promise.then(
    () => "ok",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );
}

describe("workspaces", () => {
  it("makes the creator its Admin and gives each name a unique slug", async () => {
    const db = await getDb();
    const first = await makeUser("founder");
    const second = await makeUser("copycat");
    const name = `Globex ${Date.now()}`;
    const a = await createWorkspace(db, { userId: first.id, name });
    const b = await createWorkspace(db, { userId: second.id, name });
    expect(a.slug).toMatch(/^globex-\d+$/);
    expect(b.slug).toBe(`${a.slug}-2`);
    const [admin] = await db.select().from(members).where(eq(members.workspaceId, a.id));
    expect(admin?.userId).toBe(first.id);
    expect(admin?.role).toBe("admin");
  });

  it("never takes a reserved path as a slug", async () => {
    const user = await makeUser("reserved");
    const workspace = await createWorkspace(await getDb(), { userId: user.id, name: "API" });
    expect(workspace.slug).not.toBe("api");
    expect(workspace.slug).toMatch(/^api-\d+$/);
  });

  it("lets one user belong to several workspaces", async () => {
    const db = await getDb();
    const user = await makeUser("multi");
    await createWorkspace(db, { userId: user.id, name: "Zeta Shop" });
    await createWorkspace(db, { userId: user.id, name: "Alpha Shop" });
    const mine = await listWorkspacesForUser(db, user.id);
    expect(mine.map((w) => w.name)).toEqual(["Alpha Shop", "Zeta Shop"]);
  });
});

describe("the door", () => {
  it("answers 404 to a non-member, 403 to a role without the permission, and lets members in", async () => {
    const db = await getDb();
    const { workspace, admin, others } = await makeWorkspace(["viewer"]);
    const outsider = await makeUser("outsider");
    const viewer = others[0]?.user;
    if (!viewer) throw new Error("no viewer");
    const slug = workspace.slug;
    const check = (userId: string | null, permission: "workspace.view" | "workspace.manage") =>
      codeOf(resolveWorkspaceContext(db, { userId, slug, permission }));

    expect(await check(null, "workspace.view")).toBe("unauthenticated");
    expect(await check(outsider.id, "workspace.view")).toBe("not_found");
    expect(await check(viewer.id, "workspace.view")).toBe("ok");
    expect(await check(viewer.id, "workspace.manage")).toBe("forbidden");
    expect(await check(admin.id, "workspace.manage")).toBe("ok");
  });

  it("refuses a removed member on their next request", async () => {
    const db = await getDb();
    const { workspace, others } = await makeWorkspace(["agent"]);
    const agent = others[0];
    if (!agent) throw new Error("no agent");
    const check = () =>
      codeOf(
        resolveWorkspaceContext(db, {
          userId: agent.user.id,
          slug: workspace.slug,
          permission: "workspace.view",
        }),
      );
    expect(await check()).toBe("ok");
    await db.update(members).set({ removedAt: new Date() }).where(eq(members.id, agent.member.id));
    expect(await check()).toBe("not_found");
  });

  it("runs actions as session → membership → permission → parse, with typed results", async () => {
    const db = await getDb();
    const { workspace, admin, others } = await makeWorkspace(["manager"]);
    const manager = others[0]?.user;
    if (!manager) throw new Error("no manager");
    const rename = workspaceAction(
      {
        name: "test.rename",
        permission: "workspace.manage",
        schema: z.object({ name: z.string().min(2, { error: "Too short." }) }),
      },
      async (input, context) => {
        await context.db
          .update(workspaces)
          .set({ name: input.name })
          .where(eq(workspaces.id, context.workspace.id));
        return { renamed: input.name };
      },
    );
    const slug = workspace.slug;

    const asManager = await rename.run({ userId: manager.id }, { workspace: slug, name: "Nope" });
    expect(asManager).toMatchObject({ ok: false, error: { code: "forbidden" } });

    const invalid = await rename.run({ userId: admin.id }, { workspace: slug, name: "x" });
    expect(invalid).toEqual({
      ok: false,
      error: { code: "validation", message: "Too short.", fields: { name: "Too short." } },
    });

    const foreign = await makeWorkspace();
    const elsewhere = await rename.run(
      { userId: foreign.admin.id },
      { workspace: slug, name: "Hijack" },
    );
    expect(elsewhere).toMatchObject({ ok: false, error: { code: "not_found" } });

    const done = await rename.run({ userId: admin.id }, { workspace: slug, name: "Renamed" });
    expect(done).toEqual({ ok: true, data: { renamed: "Renamed" } });
    const [row] = await db.select().from(workspaces).where(eq(workspaces.id, workspace.id));
    expect(row?.name).toBe("Renamed");
  });

  it("never shows a raw exception to the caller", async () => {
    const { workspace, admin } = await makeWorkspace();
    const broken = workspaceAction(
      {
        name: "test.broken",
        permission: "workspace.view",
        schema: z.object({ note: z.string().optional() }),
      },
      async () => {
        throw new Error('relation "secret_table" does not exist');
      },
    );
    const result = await broken.run({ userId: admin.id }, { workspace: workspace.slug });
    expect(result).toEqual({
      ok: false,
      error: { code: "internal", message: "Something went wrong on our side. Please try again." },
    });
  });
});
