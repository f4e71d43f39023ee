import { bestPassage, type RankedEntry, rankKnowledge } from "./knowledge-search";
import type { AgentDecision, Responder, ResponderInput } from "./responder";
import { wantsHuman } from "./wants-human";

/**
 * The responder that needs no model: it answers from the agent's knowledge when one entry
 * clearly matches the question, and hands off otherwise. A wrong answer costs more than a
 * handoff (a person picks the conversation up either way), so the bar is deliberately high.
 */

/**
 * At least half of the question's distinct content stems must occur in the entry: "How do I
 * reset my password?" (reset, password) matches "Resetting your password" fully, while
 * "Do you sell gift cards?" (sell, gift, card) against "Payment cards we accept" does not.
 */
export const MIN_COVERAGE = 0.5;
/**
 * BM25 scores grow with the knowledge's size (rarer words weigh more), so the floor only
 * rules out matches that are nothing but a stem found in almost every entry; coverage and
 * the lead below do the real work.
 */
export const MIN_SCORE = 0.2;
/**
 * The best entry must beat the runner-up's score by 15 % unless the runner-up covers less of
 * the question or says the same thing: two different answers scoring alike mean the
 * question is ambiguous ("shipping?" against "shipping times" and "shipping costs").
 */
export const MIN_LEAD = 1.15;
/** Long enough for a paragraph, short enough for a chat bubble. */
export const MAX_ARTICLE_EXCERPT = 600;

const THANKS_REPLY = "You're welcome! Anything else I can help with?";

// biome-ignore format: a word list
const GREETINGS = new Set([
  "hi", "hello", "hey", "hiya", "howdy", "hola", "buenas", "bonjour", "salut", "hallo",
  "moin", "servus", "ola", "oi", "ciao", "salve", "hoi", "morning", "afternoon", "evening",
  "dag", "goedemorgen", "goedemiddag",
]);
// biome-ignore format: a word list
const THANKS = new Set([
  "thanks", "thank", "thx", "ty", "cheers", "gracias", "merci", "danke", "dankeschon",
  "obrigado", "obrigada", "grazie", "bedankt", "dank",
]);
/** Words that may sit beside a greeting or thanks without making it a question. */
// biome-ignore format: a word list
const FILLER = new Set([
  "there", "team", "all", "everyone", "you", "so", "much", "a", "lot", "very", "many",
  "good", "buenos", "buenas", "dias", "tardes", "noches", "beaucoup", "schon", "sehr",
  "vielen", "muchas", "muito", "mille", "tante", "wel", "je", "u", "ok", "okay", "great",
  "guten", "tag", "morgen", "buongiorno", "and",
]);

export const builtinResponder: Responder = {
  name: "built-in",
  async respond(input: ResponderInput): Promise<AgentDecision> {
    return decide(input);
  },
};

function decide({ message, knowledge, contactName }: ResponderInput): AgentDecision {
  if (wantsHuman(message)) return { kind: "handoff", reason: "The customer asked for a person." };

  const smallTalk = smallTalkKind(message);
  if (smallTalk === "thanks") return { kind: "reply", reply: THANKS_REPLY };
  if (smallTalk === "greeting") {
    const name = firstName(contactName);
    return { kind: "reply", reply: `Hi${name ? ` ${name}` : ""}! How can I help you today?` };
  }

  if (message.trim() === "") return { kind: "handoff", reason: "The customer's message is empty." };
  if (knowledge.length === 0) {
    return { kind: "handoff", reason: "The agent has no knowledge to answer from." };
  }
  const ranked = rankKnowledge(knowledge, message, 2);
  const best = ranked[0];
  if (!best || !isConfident(best, ranked[1])) {
    return {
      kind: "handoff",
      reason: `No confident answer in the knowledge base for "${truncate(message, 80)}"`,
    };
  }
  const { entry } = best;
  const reply =
    entry.kind === "qa" ? entry.body.trim() : bestPassage(entry.body, message, MAX_ARTICLE_EXCERPT);
  if (reply === "") {
    return {
      kind: "handoff",
      reason: `The knowledge entry "${truncate(entry.title, 80)}" is empty.`,
    };
  }
  return { kind: "reply", reply };
}

function isConfident(best: RankedEntry, runnerUp: RankedEntry | undefined): boolean {
  if (best.coverage < MIN_COVERAGE || best.score < MIN_SCORE) return false;
  if (!runnerUp) return true;
  const clearlyAhead = best.score >= runnerUp.score * MIN_LEAD || best.coverage > runnerUp.coverage;
  return clearlyAhead || sameAnswer(best, runnerUp);
}

function sameAnswer(a: RankedEntry, b: RankedEntry): boolean {
  const normalize = (text: string) => text.trim().replace(/\s+/g, " ").toLowerCase();
  return normalize(a.entry.body) === normalize(b.entry.body);
}

/** "greeting" or "thanks" when the message says nothing else; thanks wins when both. */
function smallTalkKind(message: string): "greeting" | "thanks" | null {
  const words = message
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  let greeting = false;
  let thanks = false;
  for (const word of words) {
    if (THANKS.has(word)) thanks = true;
    else if (GREETINGS.has(word)) greeting = true;
    else if (!FILLER.has(word)) return null;
  }
  return thanks ? "thanks" : greeting ? "greeting" : null;
}

/** The first word of the contact's name; nothing for an address or an empty name. */
function firstName(contactName: string | null): string | null {
  const first = contactName?.trim().split(/\s+/)[0];
  return first && !first.includes("@") ? first : null;
}

function truncate(text: string, max: number): string {
  const flat = text.trim().replace(/\s+/g, " ");
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
