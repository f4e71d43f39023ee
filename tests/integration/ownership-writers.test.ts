import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Rule 1 of the assignment engine: nothing outside lib/assignment writes a conversation's
 * owners (assignee, team, AI agent session). This scans the source for drizzle writes to
 * `conversations` whose `.set({…})` / `.values({…})` names one of those columns, and for raw
 * SQL that updates or inserts them, and fails on any it finds outside lib/assignment.
 */

const root = path.resolve(import.meta.dirname, "../..");

const scanned = ["app", "lib", "components", "db"];
const excluded = [
  // The one module allowed to write ownership.
  "lib/assignment/",
  // Generated SQL: the schema itself, and data migrations that recount, never assign.
  "db/migrations/",
  // The demo dataset is inserted in one go, owners included, into a fresh workspace that
  // nobody uses yet; its `created`/`assigned` events are written beside it. Routing through
  // the module would make the seed depend on who is "online" at seed time.
  "db/seed.ts",
];

const OWNER_KEYS = /\b(assigneeId|teamId|agentSessionId)\b\s*(?=[:,}])/;
const OWNER_COLUMNS = /\b(assignee_id|team_id|agent_session_id)\b/i;

/** The text between the bracket at `open` and its partner, strings and templates skipped. */
function bracketed(source: string, open: number): string | null {
  const pairs: Record<string, string> = { "(": ")", "{": "}", "[": "]" };
  const stack: string[] = [];
  for (let i = open; i < source.length; i++) {
    const ch = source[i] ?? "";
    if (ch === '"' || ch === "'" || ch === "`") {
      // Skip to the closing quote (escapes honoured; a template's ${} may hold brackets, and
      // whatever it holds is still text of the argument, so skipping it is fine).
      for (i++; i < source.length && source[i] !== ch; i++) if (source[i] === "\\") i++;
      continue;
    }
    const close = pairs[ch];
    if (close) stack.push(close);
    else if (ch === stack.at(-1)) {
      stack.pop();
      if (stack.length === 0) return source.slice(open + 1, i);
    }
  }
  return null;
}

/** The line number of an offset, for messages. */
const lineOf = (source: string, offset: number) => source.slice(0, offset).split("\n").length;

/** Every write of ownership in a source text, as "line N: what". */
function ownershipWrites(source: string): string[] {
  const found: string[] = [];
  const drizzleWrite = /\.(update|insert)\(\s*(?:\w+\.)?conversations\s*\)/g;
  for (const match of source.matchAll(drizzleWrite)) {
    const start = match.index + match[0].length;
    const call = match[1] === "update" ? ".set(" : ".values(";
    // The chain's .set( / .values( comes next; stop at the end of the statement.
    const rest = source.slice(start);
    const end = rest.search(/;|\n\s*\n/);
    const chain = end === -1 ? rest : rest.slice(0, end);
    const at = chain.indexOf(call);
    if (at === -1) continue;
    const argument = bracketed(source, start + at + call.length - 1);
    const line = lineOf(source, match.index);
    if (argument === null) {
      found.push(`line ${line}: ${match[1]} of conversations that could not be read`);
      continue;
    }
    const owner = OWNER_KEYS.exec(argument);
    if (owner) found.push(`line ${line}: ${match[1]} of conversations writes ${owner[1]}`);
    else if (!argument.trim().startsWith("{") || argument.includes("...")) {
      // A variable or a spread could carry an owner column past this check: refuse it too.
      found.push(
        `line ${line}: ${match[1]} of conversations with a non-literal ${call.slice(1, -1)}() that cannot be checked`,
      );
    }
  }
  const rawUpdate = /\bupdate\s+"?conversations"?\s+(?:(?:as\s+)?\w+\s+)?set\b([^;`]*)/gi;
  for (const match of source.matchAll(rawUpdate)) {
    const assignments = (match[1] ?? "").split(/\bwhere\b/i)[0] ?? "";
    const column = new RegExp(`${OWNER_COLUMNS.source}\\s*=`, "i").exec(assignments);
    if (column) {
      found.push(`line ${lineOf(source, match.index)}: SQL update of conversations.${column[1]}`);
    }
  }
  const rawInsert = /\binsert\s+into\s+"?conversations"?\s*\(([^)]*)\)/gi;
  for (const match of source.matchAll(rawInsert)) {
    const column = OWNER_COLUMNS.exec(match[1] ?? "");
    if (column) {
      found.push(`line ${lineOf(source, match.index)}: SQL insert into conversations.${column[1]}`);
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === "node_modules" || name.startsWith(".")) return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|sql)$/.test(name) ? [full] : [];
  });
}

describe("who writes a conversation's owners", () => {
  it("is lib/assignment alone", () => {
    const files = scanned
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .map((file) => path.relative(root, file).split(path.sep).join("/"))
      .filter((file) => !excluded.some((prefix) => file.startsWith(prefix)));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      ownershipWrites(readFileSync(path.join(root, file), "utf8")).map((hit) => `${file} ${hit}`),
    );
    expect(
      offenders,
      "assignee, team and agent session change only through lib/assignment (write-ownership.ts)",
    ).toEqual([]);
  });

  it("still sees the module's own writes, so the scan is not blind", () => {
    const own = readFileSync(path.join(root, "lib/assignment/write-ownership.ts"), "utf8");
    expect(ownershipWrites(own).join("\n")).toContain("non-literal set()");
    const teams = readFileSync(path.join(root, "lib/assignment/clear-team.ts"), "utf8");
    expect(ownershipWrites(teams).join("\n")).toContain("writes teamId");
  });

  it("catches each kind of write in a fixture, and lets harmless writes pass", () => {
    const caught = {
      drizzleUpdate: `await tx
        .update(conversations)
        .set({ lastMessageAt: now, assigneeId: member.id })
        .where(eq(conversations.id, id));`,
      shorthand: "await db.update(conversations).set({ teamId }).where(eq(conversations.id, id));",
      agent: "db.update(schema.conversations).set({ agentSessionId: null });",
      spread: "await db.update(conversations).set({ ...patch }).where(x);",
      variable: "await db.update(conversations).set(patch).where(x);",
      drizzleInsert: `await tx.insert(conversations).values({
        workspaceId, contactId, channel, assigneeId: someone,
      });`,
      rawUpdate: "await tx.execute(sql`UPDATE conversations SET assignee_id = $1 WHERE id = $2`);",
      rawUpdateQuoted: `await client.query('update "conversations" c set status = $1, team_id = $2 where id = $3');`,
      rawInsert:
        "sql`insert into conversations (id, workspace_id, agent_session_id) values ($1, $2, $3)`",
    };
    for (const [name, fixture] of Object.entries(caught)) {
      expect(ownershipWrites(fixture), name).toHaveLength(1);
    }
    const harmless = {
      preview: `await tx
        .update(conversations)
        .set({ lastMessageAt: now, lastMessagePreview: previewOf(body), waitingSince: null })
        .where(eq(conversations.id, conversationId));`,
      filterOnly:
        "await db.update(conversations).set({ subject }).where(eq(conversations.teamId, t));",
      read: "db.select().from(conversations).where(eq(conversations.assigneeId, me));",
      rawRead: "sql`select assignee_id from conversations where team_id = $1`",
      rawWhere: "sql`update conversations set subject = $1 where assignee_id = $1`",
      otherTable: "await tx.update(members).set({ teamId: x });",
    };
    for (const [name, fixture] of Object.entries(harmless)) {
      expect(ownershipWrites(fixture), name).toEqual([]);
    }
  });
});
