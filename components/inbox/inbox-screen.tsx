import "server-only";
import { can } from "@/lib/auth/permissions";
import type { WorkspaceContext } from "@/lib/auth/workspace-context";
import { listActiveMembers, listTeamOptions } from "@/lib/teams/queries";
import { Inbox } from "./inbox";

/**
 * The inbox for both routes (list, and list with a conversation open). The names of members
 * and teams feed the filters and turn the ids in history events into words.
 */
export async function InboxScreen({
  context,
  selectedId,
}: {
  context: WorkspaceContext;
  selectedId: string | null;
}) {
  const { db, workspace, member, user } = context;
  const [people, teamOptions] = await Promise.all([
    listActiveMembers(db, workspace.id),
    listTeamOptions(db, workspace.id),
  ]);
  return (
    <Inbox
      slug={workspace.slug}
      me={{ memberId: member.id, name: user.name ?? user.email, image: user.image }}
      canReply={can(member.role, "conversations.reply")}
      selectedId={selectedId}
      // Whoever sees the whole workspace starts on All; an Agent starts on what is theirs.
      defaultView={can(member.role, "conversations.view.all") ? "all" : "mine"}
      members={people.map((person) => ({
        id: person.memberId,
        name: person.name,
        image: person.image,
      }))}
      teams={teamOptions}
    />
  );
}
