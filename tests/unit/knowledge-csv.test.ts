import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/agents/parse-csv";
import { readKnowledgeCsv } from "@/lib/agents/read-knowledge-csv";
import { isSingleEmoji } from "@/lib/agents/schemas";
import { AppError } from "@/lib/errors";

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("parseCsv (RFC 4180)", () => {
  it("reads plain fields, CRLF, LF and a missing final line break alike", () => {
    expect(parseCsv("a,b\r\nc,d\r\n")).toEqual({
      ok: true,
      rows: [
        ["a", "b"],
        ["c", "d"],
      ],
    });
    expect(parseCsv("a,b\nc,d")).toEqual(parseCsv("a,b\r\nc,d\r\n"));
    expect(parseCsv("a,b\rc,d")).toEqual(parseCsv("a,b\r\nc,d\r\n"));
  });

  it("keeps commas, line breaks and doubled quotes inside quoted fields", () => {
    const csv =
      'question,answer\r\n"Do you ship to Paris, Lyon?","Yes.\r\nIn 2 days, ""usually""."\r\n';
    expect(parseCsv(csv)).toEqual({
      ok: true,
      rows: [
        ["question", "answer"],
        ["Do you ship to Paris, Lyon?", 'Yes.\r\nIn 2 days, "usually".'],
      ],
    });
  });

  it("keeps empty fields, an empty quoted field, a BOM and a quote inside an unquoted field", () => {
    expect(parseCsv('\uFEFFa,,""\n5" screen,x')).toEqual({
      ok: true,
      rows: [
        ["a", "", ""],
        ['5" screen', "x"],
      ],
    });
  });

  it("names the record of an unclosed quote and of text after a closing quote", () => {
    expect(parseCsv('a,b\n"x,y\nz,w\n')).toMatchObject({ ok: false, row: 2 });
    expect(parseCsv('a,b\n"multi\nline",ok\n"x"y,z')).toMatchObject({ ok: false, row: 3 });
  });
});

describe("readKnowledgeCsv", () => {
  it("reads question,answer files as Q&A, in any header case and column order", () => {
    expect(readKnowledgeCsv("Answer,Question\nWe open at 9.,When do you open?\n")).toEqual([
      { kind: "qa", title: "When do you open?", body: "We open at 9." },
    ]);
  });

  it("reads title,body,kind files, skipping blank rows and unknown columns", () => {
    const csv =
      'title,body,kind,notes\nReturns,"30 days, no questions.",article,x\n\nHours?,9 to 5,Q&A,\nShipping,Two days,,\n';
    expect(readKnowledgeCsv(csv)).toEqual([
      { kind: "article", title: "Returns", body: "30 days, no questions." },
      { kind: "qa", title: "Hours?", body: "9 to 5" },
      { kind: "article", title: "Shipping", body: "Two days" },
    ]);
  });

  it("names the bad row, counting the header as row 1 and a quoted line break as one row", () => {
    const csv = 'question,answer\n"Multi\nline?",Yes\nNo answer here,\n';
    expect(messageOf(() => readKnowledgeCsv(csv))).toBe("Row 3: Write the answer.");
    expect(messageOf(() => readKnowledgeCsv("question,answer\nOnly one field\n"))).toMatch(
      /^Row 2 has 1 field, fewer than the header's 2/,
    );
    expect(messageOf(() => readKnowledgeCsv("title,body,kind\nA,B,faq\n"))).toBe(
      'Row 2: the kind "faq" is not "qa" or "article".',
    );
    expect(messageOf(() => readKnowledgeCsv(`question,answer\nQ,${"x".repeat(4001)}\n`))).toBe(
      "Row 2: Keep the answer to 4,000 characters or fewer.",
    );
  });

  it("refuses a file without a header, without entries, or with more than 1,000 rows", () => {
    expect(messageOf(() => readKnowledgeCsv("Q,A\nx,y\n"))).toMatch(/^Row 1 must be a header/);
    expect(messageOf(() => readKnowledgeCsv(""))).toMatch(/empty/);
    expect(messageOf(() => readKnowledgeCsv("question,answer\n\n"))).toMatch(/no entries/);
    const many = `question,answer\n${"q,a\n".repeat(1001)}`;
    expect(messageOf(() => readKnowledgeCsv(many))).toBe(
      "The file has 1,001 entries; import at most 1,000 at a time.",
    );
  });
});

describe("agent avatars", () => {
  it("accept exactly one emoji, including composed ones", () => {
    for (const emoji of ["🤖", "🦉", "👩🏽‍💻", "🇫🇷", "❤️"])
      expect(isSingleEmoji(emoji), emoji).toBe(true);
    for (const text of ["", "a", "🤖🤖", "🤖 ", ":)"])
      expect(isSingleEmoji(text), text).toBe(false);
  });
});
