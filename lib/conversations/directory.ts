import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rows } from "@/db/rows";
import { RecentMap } from "@/lib/recent-map";

/** The names a conversation list shows beside its rows: every member's and team's. */
export interface Directory {
  version: number;
  members: ReadonlyMap<string, { name: string; image: string | null }>;
  teams: ReadonlyMap<string, string>;
}

/** Per workspace, the newest directory this process read; the least recently used go first. */
const copies = new RecentMap<string, Directory>(500);

/**
 * The workspace's directory as of `version` or later: the copy this process holds when it is
 * that recent, else read afresh (one statement). A list reads `workspaces.directory_version`
 * in the same statement as its page, and triggers raise it whenever a member joins or leaves,
 * a user's name, email or picture changes, or a team is created, renamed or deleted
 * (migration 0017) — so a page never shows a name older than its rows, whichever process
 * serves it, and a page costs no join per row to name its assignees and teams.
 *
 * Pass the database handle, not a transaction that changed names: a copy read inside one that
 * then rolls back would be kept under a version the next committed change reuses.
 */
export async function directoryOf(
  db: Database,
  workspaceId: string,
  version: number,
): Promise<Directory> {
  const held = copies.get(workspaceId);
  if (held && held.version >= version) return held;
  const [row] = await rows<{
    version: string | number;
    members: [string, string, string | null][];
    teams: [string, string][];
  }>(
    db,
    sql`select
      (select w.directory_version from workspaces w where w.id = ${workspaceId}) as version,
      (select coalesce(json_agg(json_build_array(m.id, coalesce(u.name, u.email), u.image)), '[]')
        from members m join users u on u.id = m.user_id where m.workspace_id = ${workspaceId}) as members,
      (select coalesce(json_agg(json_build_array(t.id, t.name)), '[]')
        from teams t where t.workspace_id = ${workspaceId}) as teams`,
  );
  const directory: Directory = {
    version: Number(row?.version ?? version),
    members: new Map((row?.members ?? []).map(([id, name, image]) => [id, { name, image }])),
    teams: new Map(row?.teams ?? []),
  };
  copies.set(workspaceId, directory);
  return directory;
}
