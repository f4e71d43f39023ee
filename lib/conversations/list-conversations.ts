import "server-only";
import { createHash } from "node:crypto";
import { and, desc, eq, gt, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { contacts, conversationReads, conversations, members, teams, users } from "@/db/schema";
import { decodeCursor, encodeCursor } from "./cursor";
import { filteredPage, searchPage, viewPage } from "./page-query";
import type { ListQuery } from "./schemas";
import { scopeBranches, scopeCondition, type Viewer } from "./viewer";

/**
 * The conditions of a view plus its filters, without the viewer's scope or the search (a
 * search is its own page query, see `searchPage`).
 */
export function viewConditions(
  viewer: Viewer,
  query: Omit<ListQuery, "cursor" | "limit" | "q">,
): SQL[] {
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
  // A literal rather than a parameter: a prepared list statement's generic plan then expects
  // as many rows of the status as a custom plan does, and PostgreSQL settles on it.
  where.push(
    sql`${conversations.status} = ${sql.raw(status === "closed" ? "'closed'" : "'open'")}`,
  );

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
  return where;
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
  const limit = query.limit + 1;
  const rows = query.q
    ? await selectItems(db, viewer, {
        page: searchPage({
          workspaceId: viewer.workspace.id,
          q: query.q,
          scope: scopeCondition(viewer),
          where,
          limit,
        }),
        // A search's plan depends on how common its words are: planned for each search.
        prepared: false,
      })
    : await selectItems(db, viewer, {
        page: viewPage({ branches: scopeBranches(viewer, fixedBy(viewer, query)), where, limit }),
        prepared: true,
      });
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
  const where = [...viewConditions(viewer, query), gt(conversations.lastMessageAt, since)];
  const limit = 200;
  const page = query.q
    ? searchPage({
        workspaceId: viewer.workspace.id,
        q: query.q,
        scope: scopeCondition(viewer),
        where,
        limit,
      })
    : filteredPage({ where: and(scopeCondition(viewer), ...where), limit });
  return selectItems(db, viewer, { page, prepared: false });
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
 * The details of a page's conversations (see page-query.ts), in list order. A list query runs
 * as a named prepared statement, one per shape and connection: PostgreSQL plans it once
 * rather than on every call, where planning these joins costs more than running them for a
 * page of rows. PGlite ignores the name.
 */
async function selectItems(
  db: Database,
  viewer: Viewer,
  { page, prepared }: { page: SQL; prepared: boolean },
) {
  const me = viewer.member?.id ?? null;
  const query = db
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
    .from(sql`(${page}) as page`)
    .innerJoin(conversations, sql`${conversations.id} = page.id`)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(members, eq(members.id, conversations.assigneeId))
    .leftJoin(users, eq(users.id, members.userId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id));
  const rows = prepared
    ? await query.prepare(`list_${sha1(query.toSQL().sql).slice(0, 24)}`).execute()
    : await query;
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

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");
