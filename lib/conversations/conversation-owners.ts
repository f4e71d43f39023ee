import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Conversation, members, teams, users } from "@/db/schema";

/** Who owns a conversation now, by name: what the inbox shows after an assignment. */
export interface ConversationOwners {
  conversationId: string;
  assignee: {
    id: string;
    name: string;
    image: string | null;
    status: "online" | "away" | "offline";
  } | null;
  team: { id: string; name: string } | null;
  assignmentDisabled: boolean;
  queued: boolean;
}

export async function conversationOwners(
  db: Database,
  conversation: Conversation,
): Promise<ConversationOwners> {
  const [assignee, team] = await Promise.all([
    conversation.assigneeId
      ? db
          .select({
            id: members.id,
            name: sql<string>`coalesce(${users.name}, ${users.email})`,
            image: users.image,
            status: members.status,
          })
          .from(members)
          .innerJoin(users, eq(users.id, members.userId))
          .where(eq(members.id, conversation.assigneeId))
          .then((rows) => rows[0] ?? null)
      : null,
    conversation.teamId
      ? db
          .select({ id: teams.id, name: teams.name })
          .from(teams)
          .where(eq(teams.id, conversation.teamId))
          .then((rows) => rows[0] ?? null)
      : null,
  ]);
  return {
    conversationId: conversation.id,
    assignee,
    team,
    assignmentDisabled: conversation.assignmentDisabled,
    queued: conversation.queuedAt !== null,
  };
}
