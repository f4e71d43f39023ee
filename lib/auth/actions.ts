import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { type Database, getDb } from "@/db/client";
import type { User } from "@/db/schema";
import { AppError, type Result, toErrorBody } from "@/lib/errors";
import { findUser } from "@/lib/workspaces/queries";
import { currentUserId } from "./auth";
import type { Permission } from "./permissions";
import { register } from "./registry";
import {
  resolveWorkspaceContext,
  signInRequired,
  type WorkspaceContext,
} from "./workspace-context";

/** Who is asking. Tests and later the API-key door build one without a browser session. */
export interface Actor {
  userId: string | null;
}

type Runner<TInput, TData> = (actor: Actor, input: TInput) => Promise<Result<TData>>;

/** A server action and the same logic callable with an explicit actor (for tests). */
export type Action<TInput, TData> = ((input: TInput) => Promise<Result<TData>>) & {
  run: Runner<TInput, TData>;
  registryName: string;
};

const workspaceField = z.object({ workspace: z.string().min(1).max(100) });

/** The schema's input plus the workspace slug; an empty schema (`z.object({})`) takes the slug alone. */
type WorkspaceInput<S extends z.ZodType> = string extends keyof z.input<S>
  ? { workspace: string }
  : z.input<S> & { workspace: string };

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const nul = nulAt(input, []);
  if (nul) {
    // PostgreSQL refuses U+0000 in text: refused here, with the field, not as a failed write.
    const message = "Text cannot contain the NUL character (\\u0000).";
    throw new AppError("validation", message, { [nul.join(".") || "form"]: message });
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "form";
    fields[key] ??= issue.message;
  }
  const first = parsed.error.issues[0]?.message ?? "Check the form and try again.";
  throw new AppError("validation", first, fields);
}

/** The path of the first string holding U+0000 in a request's input, if any. */
function nulAt(value: unknown, path: string[]): string[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (path.length > 20 || typeof value !== "object" || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("\u0000")) return [...path, key];
    const found = nulAt(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

function toAction<TInput, TData>(name: string, run: Runner<TInput, TData>): Action<TInput, TData> {
  const guarded: Runner<TInput, TData> = async (actor, input) => {
    try {
      return await run(actor, input);
    } catch (error) {
      unstable_rethrow(error);
      return { ok: false, error: toErrorBody(error, name) };
    }
  };
  const action = async (input: TInput) => guarded({ userId: await currentUserId() }, input);
  return Object.assign(action, { run: guarded, registryName: name });
}

/** An action anyone may call (sign up, sign in): zod parse and a typed result. */
export function publicAction<S extends z.ZodType, TData>(
  definition: { name: string; schema: S },
  handler: (input: z.output<S>, context: { db: Database; actor: Actor }) => Promise<TData>,
): Action<z.input<S>, TData> {
  register({ kind: "action", name: definition.name, access: "public" });
  return toAction(definition.name, async (actor, input) => {
    const parsed = parseInput(definition.schema, input);
    return { ok: true, data: await handler(parsed, { db: await getDb(), actor }) };
  });
}

/** An action for any signed-in user, outside a workspace (create a workspace). */
export function userAction<S extends z.ZodType, TData>(
  definition: { name: string; schema: S },
  handler: (input: z.output<S>, context: { db: Database; user: User }) => Promise<TData>,
): Action<z.input<S>, TData> {
  register({ kind: "action", name: definition.name, access: "user" });
  return toAction(definition.name, async (actor, input) => {
    const db = await getDb();
    const user = actor.userId ? await findUser(db, actor.userId) : null;
    if (!user) throw signInRequired();
    const parsed = parseInput(definition.schema, input);
    return { ok: true, data: await handler(parsed, { db, user }) };
  });
}

/**
 * The one wrapper for workspace actions: session → membership from the database →
 * permission from the table → zod parse → handler → typed result.
 */
export function workspaceAction<S extends z.ZodType, TData>(
  definition: { name: string; permission: Permission; schema: S },
  handler: (input: z.output<S>, context: WorkspaceContext) => Promise<TData>,
): Action<WorkspaceInput<S>, TData> {
  register({ kind: "action", name: definition.name, access: definition.permission });
  return toAction(definition.name, async (actor, input) => {
    const { workspace: slug } = parseInput(workspaceField, input);
    const context = await resolveWorkspaceContext(await getDb(), {
      userId: actor.userId,
      slug,
      permission: definition.permission,
    });
    const parsed = parseInput(definition.schema, input);
    return { ok: true, data: await handler(parsed, context) };
  });
}
