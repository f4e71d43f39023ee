import { describe, expect, it } from "vitest";
import { restoreFailed } from "@/components/inbox/draft";

describe("a failed send's text coming back to the composer", () => {
  const reply = (text: string) => ({ text, note: false });
  const note = (text: string) => ({ text, note: true });

  it("fills an empty box with the text, in its own mode", () => {
    expect(restoreFailed(undefined, note("Refund abuser"))).toEqual(note("Refund abuser"));
    expect(restoreFailed(reply("  "), reply("Hello"))).toEqual(reply("Hello"));
  });

  it("keeps what was typed since, with the failed text after it", () => {
    expect(restoreFailed(reply("And also"), reply("First"))).toEqual(reply("And also\n\nFirst"));
    // Two failures in a row: both come back (only the latest used to).
    const once = restoreFailed(undefined, reply("A"));
    expect(restoreFailed(once, reply("B"))).toEqual(reply("A\n\nB"));
    // The same text failing again is not doubled.
    expect(restoreFailed(reply("A"), reply("A"))).toEqual(reply("A"));
  });

  it("never turns a note into a reply", () => {
    expect(restoreFailed(reply("Hi there"), note("Internal only"))).toEqual(
      note("Hi there\n\nInternal only"),
    );
    expect(restoreFailed(note("Internal"), reply("Hello"))).toEqual(note("Internal\n\nHello"));
  });
});
