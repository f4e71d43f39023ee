import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { teams, type Workspace, widgetSettings, workspaces } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { DEFAULT_GREETING, type WidgetSettingsInput } from "./schemas";
import type { WidgetSettingsView } from "./types";

/** The workspace's widget settings; the defaults until an Admin saves some. */
export async function getWidgetSettings(
  db: Database,
  workspaceId: string,
): Promise<WidgetSettingsView> {
  const [row] = await db
    .select({ teamId: widgetSettings.teamId, greeting: widgetSettings.greeting })
    .from(widgetSettings)
    .where(eq(widgetSettings.workspaceId, workspaceId));
  return row ?? { teamId: null, greeting: DEFAULT_GREETING };
}

/** The workspace a widget belongs to, by its public id; 404 for an unknown id. */
export async function findWidgetWorkspace(
  db: Database,
  publicId: string,
): Promise<{ workspace: Workspace; settings: WidgetSettingsView }> {
  // Public ids are 16 hex digits; anything else (a NUL the database would refuse, a long
  // string) is simply not a chat, without asking the database.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(publicId)) throw notFound("This chat");
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.publicId, publicId));
  if (!workspace) throw notFound("This chat");
  return { workspace, settings: await getWidgetSettings(db, workspace.id) };
}

/** Saves the team new web chats start with and the greeting; a foreign team answers 404. */
export async function updateWidgetSettings(
  db: Database,
  { workspaceId, teamId, greeting }: WidgetSettingsInput & { workspaceId: string },
): Promise<WidgetSettingsView> {
  if (teamId) {
    const [team] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, teamId), eq(teams.workspaceId, workspaceId)));
    if (!team) throw notFound("That team");
  }
  const now = new Date();
  const [row] = await db
    .insert(widgetSettings)
    .values({ workspaceId, teamId, greeting, updatedAt: now })
    .onConflictDoUpdate({
      target: widgetSettings.workspaceId,
      set: { teamId, greeting, updatedAt: now },
    })
    .returning({ teamId: widgetSettings.teamId, greeting: widgetSettings.greeting });
  if (!row) throw new Error("widget settings upsert returned nothing");
  return row;
}
