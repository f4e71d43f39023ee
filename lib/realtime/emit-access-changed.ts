import "server-only";
import type { Database } from "@/db/client";
import { emit } from "./emit";

/**
 * A member's role, teams or membership changed (or, without `memberId`, a workspace setting
 * that decides what Agents see): their open streams re-read their access before delivering
 * anything else, and a removed member's stream closes.
 */
export function emitAccessChanged(
  tx: Database,
  { workspaceId, memberId }: { workspaceId: string; memberId?: string },
): Promise<void> {
  return emit(tx, {
    workspaceId,
    audience: memberId ? { kind: "members", memberIds: [memberId] } : { kind: "workspace" },
    event: { type: "access.changed" },
  });
}
