/**
 * A small RFC 4180 reader: comma-separated fields, records ended by CRLF, LF or CR, and
 * double-quoted fields that may hold commas, line breaks and doubled quotes (""). A quote
 * inside an unquoted field is kept as written (spreadsheets write `5" screen` that way);
 * text after a closing quote, or a quote never closed, is an error naming the record.
 * Records are numbered from 1 as a spreadsheet numbers rows, not by line: a quoted line break
 * stays inside its record.
 */
export type CsvResult =
  | { ok: true; rows: string[][] }
  | { ok: false; row: number; message: string };

export function parseCsv(input: string): CsvResult {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let inQuotes = false;
  /** The current field was quoted and its closing quote has been read. */
  let closed = false;
  let quoteRow = 0;

  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (inQuotes) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        closed = true;
      } else {
        field += char;
      }
      i += 1;
      continue;
    }
    if (char === ",") {
      row.push(field);
      field = "";
      closed = false;
      i += 1;
      continue;
    }
    if (char === "\r" || char === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      closed = false;
      i += char === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    if (closed) {
      return {
        ok: false,
        row: rows.length + 1,
        message:
          'text follows a closing quote. Inside a quoted field, write a quote as two quotes ("").',
      };
    }
    if (char === '"' && field === "") {
      inQuotes = true;
      quoteRow = rows.length + 1;
    } else {
      field += char;
    }
    i += 1;
  }
  if (inQuotes) {
    return {
      ok: false,
      row: quoteRow,
      message: "a quoted field is never closed. Check for a missing closing quote.",
    };
  }
  // A final line break ends the last record; it does not start an empty one.
  if (field !== "" || closed || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { ok: true, rows };
}
