import "server-only";
import { and, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import { prerendered } from "@/db/rows";
import { contacts, conversations, messages } from "@/db/schema";

/**
 * One page of conversations, newest activity first, as SQL to nest in the statement that
 * reads the page (list-conversations.ts): a tight scan of one index range per scope branch,
 * reading the list's columns as it goes or, merged from several ranges, ids to fetch after.
 *
 * The LIMIT is written as a literal: with a parameter, a prepared statement's generic plan
 * assumes a tenth of the table is wanted and gives up the index order.
 */
const limitOf = (limit: number) => {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`invalid page size ${limit}`);
  return sql.raw(String(limit));
};

const listOrder = prerendered(sql`${conversations.lastMessageAt} desc, ${conversations.id} desc`);

/** What a list row shows of its conversation (list-conversations.ts reads them by name). */
export const listColumns = prerendered(
  sql.join(
    [
      conversations.id,
      conversations.channel,
      conversations.status,
      conversations.lastMessagePreview,
      conversations.lastMessageAt,
      conversations.waitingSince,
      conversations.agentSessionId,
      conversations.assigneeId,
      conversations.teamId,
      conversations.contactId,
      conversations.contactName,
      conversations.contactEmail,
      conversations.contactPhone,
      conversations.kind,
      conversations.assignmentDisabled,
    ],
    sql`, `,
  ),
);

const idColumns = prerendered(sql`${conversations.id}, ${conversations.lastMessageAt}`);

function ordered(where: SQL | undefined, limit: number, columns = idColumns): SQL {
  return sql`select ${columns} from ${conversations} where ${where} order by ${listOrder} limit ${limitOf(limit)}`;
}

/** A page query: its rows are either ids (to join the list columns to) or `listColumns`. */
export interface PageQuery {
  sql: SQL;
  whole: boolean;
}

/** Merges subqueries that return the same columns in list order, and cuts the page. */
function merged(parts: SQL[], operator: "union" | "union all", limit: number): SQL {
  const union = sql.join(
    parts.map((part) => sql`(${part})`),
    sql.raw(` ${operator} `),
  );
  return sql`select * from (${union}) parts order by last_message_at desc, id desc limit ${limitOf(limit)}`;
}

/**
 * A view's page: one ordered index range per scope branch (see `scopeBranches`). A single
 * range reads the list columns as it goes: each row is fetched once, in order. Several ranges
 * (an Agent's scope) filter on columns their indexes carry but do not order by (migration
 * 0016), which only an index-only scan tests without fetching the row: they read ids, are
 * merged in the same statement, each cut at `limit` first, and only the page's rows are
 * fetched after. So does a range whose rows may be skipped for another table's sake
 * (`idsOnly`: the unread filter).
 */
export function viewPage({
  branches,
  where,
  limit,
  idsOnly,
}: {
  branches: SQL[];
  where: SQL[];
  limit: number;
  idsOnly: boolean;
}): PageQuery {
  const [only] = branches;
  if (only && branches.length === 1) {
    const columns = idsOnly ? idColumns : listColumns;
    return { sql: ordered(and(only, ...where), limit, columns), whole: !idsOnly };
  }
  const parts = branches.map((branch) => ordered(and(branch, ...where), limit));
  return { sql: merged(parts, "union all", limit), whole: false };
}

/**
 * A search's page: conversations whose contact's name, email or phone contains `q` (trigram
 * indexes, then those contacts' conversations from `conversations_contact_idx`, which carries
 * the columns scope and views filter on, so without reading the table), and conversations
 * with a message containing its words (full text). Every match is found, then the newest are
 * picked: each `= any(array(…))` runs its search once, up front. Given an ORDER BY … LIMIT to
 * reach, PostgreSQL would rather walk the activity index testing each conversation, which
 * takes seconds when few match (and seq-scans when it guesses many do).
 */
export function searchPage({
  workspaceId,
  q,
  scope,
  where,
  limit,
}: {
  workspaceId: string;
  q: string;
  scope: SQL | undefined;
  where: SQL[];
  limit: number;
}): PageQuery {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const contactIds = sql`select ${contacts.id} from ${contacts} where ${and(
    eq(contacts.workspaceId, workspaceId),
    or(
      ilike(contacts.name, pattern),
      ilike(contacts.email, pattern),
      ilike(contacts.phone, pattern),
    ),
  )}`;
  const conversationIds = sql`select ${messages.conversationId} from ${messages} where ${messages.workspaceId} = ${workspaceId} and ${messages.search} @@ plainto_tsquery('simple', ${q})`;
  const matching = (match: SQL) =>
    sql`select ${conversations.id}, ${conversations.lastMessageAt} from ${conversations} where ${and(match, scope, ...where)}`;
  const page = merged(
    [
      matching(sql`${conversations.contactId} = any(array(${contactIds}))`),
      matching(sql`${conversations.id} = any(array(${conversationIds}))`),
    ],
    "union",
    limit,
  );
  return { sql: page, whole: false };
}

/** The page of conversations matching `where`, for lists that need neither branches nor search. */
export function filteredPage({
  where,
  limit,
}: {
  where: SQL | undefined;
  limit: number;
}): PageQuery {
  return { sql: ordered(where, limit, listColumns), whole: true };
}
