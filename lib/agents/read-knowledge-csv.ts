import type { KnowledgeKind } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { parseCsv } from "./parse-csv";
import { IMPORT_MAX_ROWS, type KnowledgeContent, knowledgeContentSchema } from "./schemas";

const kindWords: Record<string, KnowledgeKind> = {
  qa: "qa",
  "q&a": "qa",
  "q & a": "qa",
  question: "qa",
  article: "article",
  text: "article",
};

const invalid = (message: string) => new AppError("validation", message, { csv: message });

type Columns =
  | { layout: "qa"; title: number; body: number }
  | { layout: "article"; title: number; body: number; kind: number | null };

function columnsOf(header: string[]): Columns {
  const names = header.map((name) => name.trim().toLowerCase());
  const at = (name: string) => {
    const index = names.indexOf(name);
    return index === -1 ? null : index;
  };
  const question = at("question");
  const answer = at("answer");
  if (question !== null && answer !== null) return { layout: "qa", title: question, body: answer };
  const title = at("title");
  const body = at("body");
  if (title !== null && body !== null) return { layout: "article", title, body, kind: at("kind") };
  throw invalid(
    'Row 1 must be a header naming the columns: "question,answer" for Q&A, or "title,body,kind".',
  );
}

/**
 * The knowledge entries a CSV file describes, all or nothing: the first bad row stops the
 * import with a message naming it (row 1 is the header, as in a spreadsheet). Blank rows are
 * skipped; unknown columns are ignored.
 */
export function readKnowledgeCsv(csv: string): KnowledgeContent[] {
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw invalid(`Row ${parsed.row}: ${parsed.message}`);
  const [header, ...rest] = parsed.rows;
  if (!header) throw invalid("The file is empty. Add a header row and one entry per row.");
  const columns = columnsOf(header);

  const rows = rest
    .map((fields, index) => ({ fields, number: index + 2 }))
    .filter(({ fields }) => fields.some((field) => field.trim() !== ""));
  if (rows.length === 0) throw invalid("The file has a header but no entries under it.");
  if (rows.length > IMPORT_MAX_ROWS) {
    throw invalid(
      `The file has ${rows.length.toLocaleString("en")} entries; import at most ${IMPORT_MAX_ROWS.toLocaleString("en")} at a time.`,
    );
  }

  return rows.map(({ fields, number }) => {
    let kind: KnowledgeKind = columns.layout === "qa" ? "qa" : "article";
    if (columns.layout === "article" && columns.kind !== null) {
      const word = (fields[columns.kind] ?? "").trim().toLowerCase();
      const named = word === "" ? "article" : kindWords[word];
      if (!named) throw invalid(`Row ${number}: the kind "${word}" is not "qa" or "article".`);
      kind = named;
    }
    const title = fields[columns.title];
    const body = fields[columns.body];
    if (title === undefined || body === undefined) {
      throw invalid(
        `Row ${number} has ${fields.length} ${fields.length === 1 ? "field" : "fields"}, fewer than the header's ${header.length}. Check for a missing comma.`,
      );
    }
    const entry = knowledgeContentSchema.safeParse({ kind, title, body });
    if (!entry.success) {
      throw invalid(`Row ${number}: ${entry.error.issues[0]?.message ?? "check its fields."}`);
    }
    return entry.data;
  });
}
