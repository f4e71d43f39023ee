import "server-only";
import { and, eq, gt, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { preparedRows, rows } from "@/db/rows";
import { conversationReads, conversations, workspaces } from "@/db/schema";
import { decodeCursor, encodeCursor } from "./cursor";
import { directoryOf } from "./directory";
import { filteredPage, listColumns, type PageQuery, searchPage, viewPage } from "./page-query";
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
  /** A member may be its assignee: a direct conversation with assignment on ("Assign to me"). */
  claimable: boolean;
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
  const branches = query.q ? [] : scopeBranches(viewer, fixedBy(viewer, query));
  // The filters leave no part of the viewer's scope (an Agent's queue filtered by a team they
  // are not in): nothing can match, and a union of no ranges is no statement at all.
  if (!query.q && branches.length === 0) return { items: [], nextCursor: null };
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
        onlyUnread: onlyUnread(viewer, query),
      })
    : await selectItems(db, viewer, {
        page: viewPage({
          branches,
          where,
          limit,
          idsOnly: query.unread === true,
        }),
        prepared: true,
        onlyUnread: onlyUnread(viewer, query),
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
  return selectItems(db, viewer, { page, prepared: false, onlyUnread: onlyUnread(viewer, query) });
}

/** Whether the unread filter applies (`viewConditions`): every row found is then unread. */
const onlyUnread = (viewer: Viewer, query: Pick<ListQuery, "unread">) =>
  query.unread === true && viewer.member !== null;

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

/** A list row as the page statement returns it (raw, by column name). */
interface ListRow {
  id: string;
  channel: ConversationListItem["channel"];
  status: ConversationListItem["status"];
  last_message_preview: string | null;
  last_message_at: string;
  waiting_since: string | null;
  agent_session_id: string | null;
  assignee_id: string | null;
  team_id: string | null;
  contact_id: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  kind: "direct" | "group";
  assignment_disabled: boolean;
  unread: boolean;
  directory_version: string | number;
}

const isoText = (column: SQL) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A page's conversations in list order, with their contacts' details (copied onto each
 * conversation, migration 0018) and the viewer's unread state, in one statement; assignee
 * and team names come from the workspace directory (directory.ts), whose version the
 * statement reads with the rows. A view's page runs as a named prepared
 * statement (`preparedRows`): PostgreSQL plans it once per shape and connection rather than
 * on every call, where planning costs more than running it for a page of rows. A search's plan
 * depends on how common its words are, so it is planned each time.
 */
async function selectItems(
  db: Database,
  viewer: Viewer,
  {
    page,
    prepared,
    onlyUnread,
  }: {
    page: PageQuery;
    prepared: boolean;
    /** The page holds unread conversations only: no need to look each one up again. */
    onlyUnread: boolean;
  },
): Promise<ConversationListItem[]> {
  const me = viewer.member?.id ?? null;
  const unread = onlyUnread
    ? sql`true`
    : me
      ? sql`not exists (select 1 from ${conversationReads} r where r.member_id = ${me} and r.conversation_id = c.id and r.last_read_at >= c.last_message_at)`
      : sql`false`;
  const source = page.whole
    ? sql`(${page.sql}) c`
    : sql`(${page.sql}) p join lateral (select ${listColumns} from ${conversations} where ${conversations.id} = p.id) c on true`;
  // Times come back in the ISO form the list serves (JavaScript's toISOString, millisecond
  // precision), so no row's dates are parsed and formatted again here.
  const statement = sql`select c.id, c.channel, c.status, c.last_message_preview,
      ${isoText(sql`c.last_message_at`)} as last_message_at,
      ${isoText(sql`c.waiting_since`)} as waiting_since, c.agent_session_id, c.assignee_id,
      c.team_id, c.contact_id, c.contact_name, c.contact_email, c.contact_phone,
      c.kind, c.assignment_disabled, ${unread} as unread,
      (select w.directory_version from ${workspaces} w where w.id = ${viewer.workspace.id}) as directory_version
    from ${source}
    order by c.last_message_at desc, c.id desc`;
  const found = prepared
    ? await preparedRows<ListRow>(db, "list", statement)
    : await rows<ListRow>(db, statement);
  const [first] = found;
  if (!first) return [];
  const directory = await directoryOf(db, viewer.workspace.id, Number(first.directory_version));
  return found.map((row): ConversationListItem => {
    const assignee = row.assignee_id ? directory.members.get(row.assignee_id) : undefined;
    const team = row.team_id ? directory.teams.get(row.team_id) : undefined;
    return {
      id: row.id,
      channel: row.channel,
      status: row.status,
      preview: row.last_message_preview,
      lastMessageAt: row.last_message_at,
      waitingSince: row.waiting_since,
      unread: row.unread,
      aiHandled: row.agent_session_id !== null,
      claimable: row.kind === "direct" && !row.assignment_disabled,
      contact: {
        id: row.contact_id,
        name: row.contact_name,
        email: row.contact_email,
        phone: row.contact_phone,
      },
      assignee: row.assignee_id
        ? { id: row.assignee_id, name: assignee?.name ?? "Unknown", image: assignee?.image ?? null }
        : null,
      team: row.team_id && team !== undefined ? { id: row.team_id, name: team } : null,
    };
  });
}
