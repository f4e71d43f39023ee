import { describe, expect, it } from "vitest";
import { builtinResponder, MAX_ARTICLE_EXCERPT } from "@/lib/agents/builtin-responder";
import { bestPassage, rankKnowledge, tokenize } from "@/lib/agents/knowledge-search";
import type { AgentDecision, KnowledgeEntry, ResponderInput } from "@/lib/agents/responder";
import { wantsHuman } from "@/lib/agents/wants-human";

/**
 * The built-in responder on a small knowledge base: it answers what the knowledge clearly
 * covers (however it is phrased), hands off everything else, and never mistakes "humanity"
 * for a request for a human.
 */

const returnsArticle = [
  "Our returns guide explains how to send things back.",
  "You can return any unworn item within 30 days of delivery. Print the prepaid label from your account, pack the item in its original box and drop it at any post office.",
  "Items bought on sale are final and cannot be returned. Gift cards cannot be returned either.",
  `Damaged parcels: if your order arrived damaged, take a photo of the parcel and the item before you open everything. Email the photos to our support address within 48 hours. ${"We will review the photos and send a replacement or issue a full refund, whichever you prefer. ".repeat(6)}`,
].join("\n\n");

const knowledge: KnowledgeEntry[] = [
  {
    id: "hours",
    kind: "qa",
    title: "What are your opening hours?",
    body: "We're open Monday to Friday, 9:00 to 17:00 CET.",
  },
  {
    id: "refund",
    kind: "qa",
    title: "What is your refund policy?",
    body: "Refunds are issued to the original payment method within 5 business days of us receiving the item.",
  },
  {
    id: "shipping",
    kind: "qa",
    title: "How long does shipping take?",
    body: "Orders ship within 24 hours and arrive in 2 to 4 business days in the EU.",
  },
  {
    id: "password",
    kind: "qa",
    title: "How do I reset my password?",
    body: "Click “Forgot password” on the sign-in page and follow the link we email you.",
  },
  { id: "returns", kind: "article", title: "Returns guide", body: returnsArticle },
];

function input(message: string, overrides: Partial<ResponderInput> = {}): ResponderInput {
  return {
    agent: { name: "Sunny", instructions: "Be kind." },
    knowledge,
    transcript: [],
    message,
    contactName: null,
    ...overrides,
  };
}

const respond = (message: string, overrides: Partial<ResponderInput> = {}) =>
  builtinResponder.respond(input(message, overrides));

function replyOf(decision: AgentDecision): string {
  if (decision.kind !== "reply")
    throw new Error(`Expected a reply, got ${JSON.stringify(decision)}`);
  return decision.reply;
}

describe("builtinResponder", () => {
  it("is called built-in", () => {
    expect(builtinResponder.name).toBe("built-in");
  });

  it.each([
    ["How do I reset my password?", "password"],
    ["resetting passwords", "password"],
    ["I forgot my password, how can I reset it", "password"],
    ["When are you open?", "hours"],
    ["what's the refund policy", "refund"],
    ["Can I get refunded?", "refund"],
    ["How long will shipping take to Germany?", "shipping"],
    ["Hi! How long does shipping take?", "shipping"],
  ])("answers %j from the %s Q&A", async (message, id) => {
    const entry = knowledge.find((candidate) => candidate.id === id);
    expect(await respond(message)).toEqual({ kind: "reply", reply: entry?.body });
  });

  it("answers from an article with its relevant passage, not the whole article", async () => {
    const reply = replyOf(await respond("Can I return items bought on sale?"));
    expect(reply).toBe(
      "Items bought on sale are final and cannot be returned. Gift cards cannot be returned either.",
    );

    const damaged = replyOf(
      await respond("my parcel arrived damaged, what should I do with the photos?"),
    );
    expect(damaged.length).toBeLessThanOrEqual(MAX_ARTICLE_EXCERPT);
    expect(damaged).toContain("take a photo of the parcel");
    expect(damaged).not.toContain("returns guide");
  });

  it.each([
    "Do you sell gift vouchers for weddings?",
    "What is the meaning of life?",
    "Is the blue sweater available in XL?",
    "asdf qwerty",
  ])("hands off %j, which the knowledge does not cover", async (message) => {
    expect(await respond(message)).toEqual({
      kind: "handoff",
      reason: `No confident answer in the knowledge base for "${message}"`,
    });
  });

  it("truncates a long question in the handoff reason", async () => {
    const message = `Tell me about ${"the warranty on espresso machines ".repeat(8)}`;
    const decision = await respond(message);
    expect(decision.kind).toBe("handoff");
    const reason = decision.kind === "handoff" ? decision.reason : "";
    const quoted = /"(.*)"$/.exec(reason)?.[1] ?? "";
    expect(quoted.length).toBeLessThanOrEqual(80);
    expect(quoted.endsWith("…")).toBe(true);
  });

  it("hands off when two different answers match equally well", async () => {
    const ambiguous: KnowledgeEntry[] = [
      { id: "a", kind: "qa", title: "Shipping to the EU", body: "2 to 4 days." },
      { id: "b", kind: "qa", title: "Shipping to the US", body: "5 to 8 days." },
    ];
    const decision = await respond("shipping?", { knowledge: ambiguous });
    expect(decision.kind).toBe("handoff");

    const duplicated = ambiguous.map((entry) => ({ ...entry, body: "2 to 4 days." }));
    expect(await respond("shipping?", { knowledge: duplicated })).toEqual({
      kind: "reply",
      reply: "2 to 4 days.",
    });
  });

  it.each([
    "I want a human",
    "Can I talk to a real person?",
    "quiero hablar con un humano",
    "je veux parler à un conseiller",
    "How do I reset my password? Actually, let me speak to someone.",
  ])("hands off %j: the customer asks for a person", async (message) => {
    expect(await respond(message)).toEqual({
      kind: "handoff",
      reason: "The customer asked for a person.",
    });
  });

  it("greets back by first name, and thanks with a welcome", async () => {
    expect(await respond("Hello!", { contactName: "Ana López" })).toEqual({
      kind: "reply",
      reply: "Hi Ana! How can I help you today?",
    });
    expect(await respond("hola")).toEqual({
      kind: "reply",
      reply: "Hi! How can I help you today?",
    });
    expect(await respond("hi there", { contactName: "ana@example.com" })).toEqual({
      kind: "reply",
      reply: "Hi! How can I help you today?",
    });
    for (const thanks of [
      "Thanks!",
      "thank you so much",
      "Merci beaucoup",
      "danke schön",
      "obrigado",
    ]) {
      expect(await respond(thanks)).toEqual({
        kind: "reply",
        reply: "You're welcome! Anything else I can help with?",
      });
    }
  });

  it("still greets with no knowledge, but hands off a question", async () => {
    expect((await respond("hey", { knowledge: [] })).kind).toBe("reply");
    expect(await respond("How do I reset my password?", { knowledge: [] })).toEqual({
      kind: "handoff",
      reason: "The agent has no knowledge to answer from.",
    });
  });

  it("hands off an empty message", async () => {
    expect((await respond("   ")).kind).toBe("handoff");
  });
});

describe("wantsHuman", () => {
  it.each([
    "I want a human",
    "Can I talk to a real person?",
    "Let me speak to someone",
    "talk to a person please",
    "is there someone real here?",
    "AGENT!!",
    "can I get a representative",
    "operator",
    "quiero hablar con un humano",
    "¿Puedo hablar con alguien?",
    "necesito una persona real",
    "je veux parler à un conseiller",
    "je veux une vraie personne",
    "Ich möchte mit einem Menschen sprechen",
    "Bitte einen Mitarbeiter",
    "eine echte Person bitte",
    "Quero falar com um atendente",
    "uma pessoa real, por favor",
    "Vorrei parlare con un operatore",
    "una persona reale per favore",
    "Ik wil een medewerker spreken",
    "een echt persoon graag",
  ])("hears a request for a person in %j", (text) => {
    expect(wantsHuman(text)).toBe(true);
  });

  it.each([
    "the agenda for humanity",
    "Who is in management?",
    "My order hasn't arrived",
    "Pouvez-vous me conseiller une taille ?",
    "Is this made by humane farms? No, I mean humanitarian aid",
    "My browser's user agent is Firefox",
    "",
  ])("hears no request for a person in %j", (text) => {
    expect(wantsHuman(text)).toBe(false);
  });
});

describe("rankKnowledge", () => {
  it("ranks the entry whose title matches above one that only mentions the words", () => {
    const ranked = rankKnowledge(knowledge, "reset password", 5);
    expect(ranked[0]?.entry.id).toBe("password");
    expect(ranked[0]?.coverage).toBe(1);
    expect(ranked.map((result) => result.entry.id)).not.toContain("hours");
    for (const [index, result] of ranked.entries()) {
      expect(result.score).toBeLessThanOrEqual(
        ranked[index - 1]?.score ?? Number.POSITIVE_INFINITY,
      );
    }
  });

  it("reports the share of the query's stems an entry contains", () => {
    const [best] = rankKnowledge(knowledge, "password for the moon base", 1);
    expect(best?.entry.id).toBe("password");
    expect(best?.coverage).toBeCloseTo(1 / 3);
  });

  it("returns nothing for an empty query, stop words only, or no knowledge", () => {
    expect(rankKnowledge(knowledge, "", 5)).toEqual([]);
    expect(rankKnowledge(knowledge, "how do I?", 5)).toEqual([]);
    expect(rankKnowledge([], "password", 5)).toEqual([]);
    expect(rankKnowledge(knowledge, "password", 0)).toEqual([]);
  });

  it("respects the limit", () => {
    expect(rankKnowledge(knowledge, "days item order", 2)).toHaveLength(2);
  });

  it("ranks a few thousand entries quickly", () => {
    const many: KnowledgeEntry[] = Array.from({ length: 3000 }, (_, index) => ({
      id: String(index),
      kind: "article",
      title: `Topic ${index} about widgets and gadgets`,
      body: `Entry ${index} explains how widget ${index} connects to gadget ${index % 17}. `.repeat(
        20,
      ),
    }));
    const started = performance.now();
    const ranked = rankKnowledge(many, "how does widget 1234 connect", 5);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(ranked[0]?.entry.id).toBe("1234");
  });
});

describe("tokenize", () => {
  it("lowercases, drops stop words, folds accents and stems", () => {
    expect(tokenize("How do I reset my password?")).toEqual(["reset", "password"]);
    expect(tokenize("Resetting PASSWORDS")).toEqual(["reset", "password"]);
    expect(tokenize("Café crème, 2 x")).toEqual(["cafe", "creme", "2", "x"]);
    expect(tokenize("")).toEqual([]);
  });
});

describe("bestPassage", () => {
  it("returns a short text whole and cuts a long one at a word", () => {
    expect(bestPassage("  Short.  ", "anything", 600)).toBe("Short.");
    const passage = bestPassage("word ".repeat(300), "nothing", 100);
    expect(passage.length).toBeLessThanOrEqual(100);
    expect(passage.endsWith("…")).toBe(true);
  });
});
