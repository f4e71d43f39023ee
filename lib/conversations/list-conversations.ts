import "server-only";
import { and, desc, eq, gt, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  contacts,
  conversationReads,
  conversations,
  members,
  messages,
  teams,
  users,
} from "@/db/schema";
import { decodeCursor, encodeCursor } from "./cursor";
import type { ListQuery } from "./schemas";
import { scopeBranches, scopeCondition, type Viewer } from "./viewer";

/** The conditions of a view plus its filters, without the viewer's scope. */
export function viewConditions(viewer: Viewer, query: Omit<ListQuery, "cursor" | "limit">): SQL[] {
  const where: SQL[] = [];
  const me = viewer.member?.id;
  switch (query.view) {
    case "mine":
      where.push(me ? eq(conversations.assigneeId, me) : sql`false`);
      break;
    case "unassigned":
      where.push(isNull(conversations.assigneeId));
      break;
    case "team":
      where.push(query.teamId ? eq(conversations.teamId, query.teamId) : sql`false`);
      break;
    case "ai":
      where.push(isNotNull(conversations.agentSessionId));
      break;
    case "all":
    case "closed":
      break;
  }
  const status = query.view === "closed" ? "closed" : (query.status ?? "open");
  where.push(eq(conversations.status, status));

  if (query.assignee === "none") where.push(isNull(conversations.assigneeId));
  else if (query.assignee) where.push(eq(conversations.assigneeId, query.assignee));
  if (query.team === "none") where.push(isNull(conversations.teamId));
  else if (query.team) where.push(eq(conversations.teamId, query.team));
  if (query.agent === "any") where.push(isNotNull(conversations.agentSessionId));
  else if (query.agent === "none") where.push(isNull(conversations.agentSessionId));
  if (query.channel) where.push(eq(conversations.channel, query.channel));
  if (query.unread && me) {
    where.push(
      sql`not exists (select 1 from ${conversationReads} r where r.member_id = ${me} and r.conversation_id = ${conversations.id} and r.last_read_at >= ${conversations.lastMessageAt})`,
    );
  }
  if (query.q) where.push(searchCondition(viewer.workspace.id, query.q));
  return where;
}

/**
 * A word of any message (full text, GIN index) or part of the contact's name, email or phone
 * (trigram indexes).
 */
function searchCondition(workspaceId: string, q: string): SQL {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const matchingContacts = sql`select ${contacts.id} from ${contacts} where ${contacts.workspaceId} = ${workspaceId} and (${contacts.name} ilike ${pattern} or ${contacts.email} ilike ${pattern} or ${contacts.phone} ilike ${pattern})`;
  const matchingMessages = sql`select ${messages.conversationId} from ${messages} where ${messages.workspaceId} = ${workspaceId} and ${messages.search} @@ plainto_tsquery('simple', ${q})`;
  // `= any(array(…))` runs the search once, up front; the page is then read by id and sorted.
  // Left as an OR of subqueries, PostgreSQL walks the whole activity index testing each row,
  // which takes seconds when only a few conversations match.
  return sql`${conversations.id} = any(array(select c.id from ${conversations} c where c.workspace_id = ${workspaceId} and c.contact_id in (${matchingContacts}) union ${matchingMessages}))`;
}

export interface ConversationListItem {
  id: string;
  channel: "web_chat" | "whatsapp" | "api";
  status: "open" | "closed";
  preview: string | null;
  lastMessageAt: string;
  waitingSince: string | null;
  unread: boolean;
  aiHandled: boolean;
  contact: { id: string; name: string | null; email: string | null; phone: string | null };
  assignee: { id: string; name: string; image: string | null } | null;
  team: { id: string; name: string } | null;
}

export interface ConversationPage {
  items: ConversationListItem[];
  nextCursor: string | null;
}

/**
 * One page of the inbox, newest activity first, by keyset on (last_message_at, id): each page
 * is an index range scan, never an offset. A conversation that gets a message while someone
 * pages moves to the top; `listActivitySince` returns those.
 */
export async function listConversations(
  db: Database,
  viewer: Viewer,
  query: ListQuery,
): Promise<ConversationPage> {
  const cursor = decodeCursor(query.cursor);
  const where = viewConditions(viewer, query);
  if (cursor) {
    // A row comparison, so the index on (…, last_message_at desc, id desc) answers it directly.
    where.push(
      sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${cursor.at}, ${cursor.id})`,
    );
  }
  // One scope branch (Admins, Managers, Viewers, or a view that fixes the assignee): a single
  // ordered query. Several (an Agent's scope): merge the branches' ids, then read the rows.
  const branches = scopeBranches(viewer, fixedBy(viewer, query));
  let rows: ConversationListItem[];
  if (branches.length === 1) {
    rows = await selectItems(db, viewer, and(branches[0], ...where), query.limit + 1);
  } else {
    const ids = await pageIds(db, branches, where, query.limit + 1);
    rows =
      ids.length > 0
        ? await selectItems(db, viewer, inArray(conversations.id, ids), ids.length)
        : [];
  }
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ at: new Date(last.lastMessageAt), id: last.id })
        : null,
  };
}

/** Conversations of this view with activity after `since`: what moved while a list was open. */
export async function listActivitySince(
  db: Database,
  viewer: Viewer,
  query: ListQuery,
  since: Date,
): Promise<ConversationListItem[]> {
  const where = [
    scopeCondition(viewer),
    ...viewConditions(viewer, query),
    gt(conversations.lastMessageAt, since),
  ];
  return selectItems(db, viewer, and(...where), 200);
}

/** What the view pins down (the assignee, the team), for `scopeBranches`. */
export function fixedBy(
  viewer: Viewer,
  query: Pick<ListQuery, "view" | "assignee" | "teamId" | "team">,
): { assignee: "me" | "none" | "any"; teamId?: string } {
  const me = viewer.member?.id;
  const assignee =
    query.view === "mine" || (me && query.assignee === me)
      ? "me"
      : query.view === "unassigned" || query.assignee === "none"
        ? "none"
        : "any";
  const teamId =
    query.view === "team" ? query.teamId : query.team !== "none" ? query.team : undefined;
  return { assignee, teamId };
}

/**
 * The ids of one page: one index range scan per scope branch (see `scopeBranches`), merged in
 * list order. Details are read afterwards for just these rows.
 */
async function pageIds(db: Database, scope: SQL[], where: SQL[], limit: number): Promise<string[]> {
  const branches = await Promise.all(
    scope.map((branch) =>
      db
        .select({ id: conversations.id, at: conversations.lastMessageAt })
        .from(conversations)
        .where(and(branch, ...where))
        .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
        .limit(limit),
    ),
  );
  return branches
    .flat()
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, limit)
    .map((row) => row.id);
}

async function selectItems(db: Database, viewer: Viewer, where: SQL | undefined, limit: number) {
  const me = viewer.member?.id ?? null;
  const rows = await db
    .select({
      id: conversations.id,
      channel: conversations.channel,
      status: conversations.status,
      preview: conversations.lastMessagePreview,
      lastMessageAt: conversations.lastMessageAt,
      waitingSince: conversations.waitingSince,
      agentSessionId: conversations.agentSessionId,
      contactId: contacts.id,
      contactName: contacts.name,
      contactEmail: contacts.email,
      contactPhone: contacts.phone,
      assigneeId: conversations.assigneeId,
      assigneeName: users.name,
      assigneeEmail: users.email,
      assigneeImage: users.image,
      teamId: teams.id,
      teamName: teams.name,
      lastReadAt: me
        ? sql<Date | null>`(select r.last_read_at from ${conversationReads} r where r.member_id = ${me} and r.conversation_id = ${conversations.id})`
        : sql<null>`null`,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(members, eq(members.id, conversations.assigneeId))
    .leftJoin(users, eq(users.id, members.userId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .where(where)
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(limit);
  return rows.map(
    (row): ConversationListItem => ({
      id: row.id,
      channel: row.channel,
      status: row.status,
      preview: row.preview,
      lastMessageAt: row.lastMessageAt.toISOString(),
      waitingSince: row.waitingSince?.toISOString() ?? null,
      unread:
        me !== null && (row.lastReadAt === null || new Date(row.lastReadAt) < row.lastMessageAt),
      aiHandled: row.agentSessionId !== null,
      contact: {
        id: row.contactId,
        name: row.contactName,
        email: row.contactEmail,
        phone: row.contactPhone,
      },
      assignee: row.assigneeId
        ? {
            id: row.assigneeId,
            name: row.assigneeName ?? row.assigneeEmail ?? "Unknown",
            image: row.assigneeImage,
          }
        : null,
      team: row.teamId && row.teamName ? { id: row.teamId, name: row.teamName } : null,
    }),
  );
}
