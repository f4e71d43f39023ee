import { stemmer } from "stemmer";
import type { KnowledgeEntry } from "./responder";

/**
 * BM25 retrieval over an agent's knowledge, and passage picking inside a long article.
 * The index (every entry's stems, counted) is built once per knowledge array and kept while
 * that array lives: tokenising 5,000 entries takes 150–250 ms, a search of the index about a
 * millisecond. Knowledge arrays are never changed in place; knowledge-cache.ts hands the
 * same array to every turn until the agent's knowledge changes.
 */

export interface RankedEntry {
  entry: KnowledgeEntry;
  score: number;
  /** Fraction of the query's distinct content stems that occur in the entry (0…1). */
  coverage: number;
}

// Okapi BM25's usual constants: k1 saturates repeated terms, b normalises for length.
const K1 = 1.2;
const B = 0.75;
/** A title says what the entry is about, so its words count as if written twice. */
const TITLE_WEIGHT = 2;

/**
 * English function words, plus greetings and thanks: they say nothing about the topic and
 * would otherwise dilute coverage ("Hi! refund?" is a question about refunds).
 */
// biome-ignore format: one word list, not one word a line
const STOP_WORDS = new Set([
  "a", "about", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but",
  "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he",
  "hello", "her", "hey", "hi", "him", "his", "how", "i", "if", "im", "in", "into", "is",
  "it", "its", "me", "might", "must", "my", "of", "on", "or", "our", "please", "shall",
  "she", "should", "so", "than", "thank", "thanks", "that", "the", "their", "them", "then",
  "there", "these", "they", "this", "those", "to", "too", "us", "very", "was", "we", "were",
  "what", "when", "where", "which", "who", "whom", "why", "will", "with", "would", "you",
  "your",
]);

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** Accents on Latin, Greek and Cyrillic letters; other scripts keep their marks. */
const DIACRITICS = /[\u0300-\u036f]/g;

/**
 * Lowercased, accent-folded, stop-word-free Porter stems, in text order.
 * "Resetting passwords?" → ["reset", "password"].
 */
export function tokenize(text: string): string[] {
  return tokenizeWith(text, new Map());
}

/** `stems` memoises the stemmer within one ranking: corpora repeat their words a lot. */
function tokenizeWith(text: string, stems: Map<string, string>): string[] {
  const words = text.normalize("NFKD").replace(DIACRITICS, "").toLowerCase().match(WORD);
  if (!words) return [];
  const result: string[] = [];
  for (const raw of words) {
    const word = raw.normalize("NFC");
    if (STOP_WORDS.has(word)) continue;
    let stem = stems.get(word);
    if (stem === undefined) {
      stem = word.length > 2 ? stemmer(word) : word;
      stems.set(word, stem);
    }
    result.push(stem);
  }
  return result;
}

/** Each entry's weighted stem counts and length, and where each stem occurs. */
interface KnowledgeIndex {
  entries: readonly KnowledgeEntry[];
  lengths: number[];
  averageLength: number;
  /** Per stem, the entries (by position) it occurs in and its weighted count in each. */
  postings: Map<string, { docs: number[]; frequencies: number[] }>;
}

const indexes = new WeakMap<readonly KnowledgeEntry[], KnowledgeIndex>();

function indexOf(entries: readonly KnowledgeEntry[]): KnowledgeIndex {
  const known = indexes.get(entries);
  if (known) return known;
  const stems = new Map<string, string>();
  const postings = new Map<string, { docs: number[]; frequencies: number[] }>();
  const lengths = entries.map((entry, doc) => {
    const tf = new Map<string, number>();
    let length = 0;
    const count = (text: string, weight: number) => {
      for (const stem of tokenizeWith(text, stems)) {
        length += weight;
        tf.set(stem, (tf.get(stem) ?? 0) + weight);
      }
    };
    count(entry.title, TITLE_WEIGHT);
    count(entry.body, 1);
    for (const [stem, frequency] of tf) {
      const list = postings.get(stem);
      if (list) {
        list.docs.push(doc);
        list.frequencies.push(frequency);
      } else postings.set(stem, { docs: [doc], frequencies: [frequency] });
    }
    return length;
  });
  const averageLength = lengths.reduce((sum, length) => sum + length, 0) / entries.length || 1;
  const index = { entries, lengths, averageLength, postings };
  indexes.set(entries, index);
  return index;
}

/**
 * The entries that share at least one content stem with the query, best first (ties keep
 * the knowledge's order), at most `limit`. An empty query or knowledge gives [].
 */
export function rankKnowledge(
  entries: readonly KnowledgeEntry[],
  query: string,
  limit: number,
): RankedEntry[] {
  const queryStems = [...new Set(tokenize(query))];
  if (queryStems.length === 0 || entries.length === 0 || limit <= 0) return [];
  const { lengths, averageLength, postings } = indexOf(entries);
  const total = entries.length;

  const scores = new Map<number, { score: number; matched: number }>();
  for (const stem of queryStems) {
    const occurrences = postings.get(stem);
    if (!occurrences) continue;
    const { docs, frequencies } = occurrences;
    // The "+1" form never goes negative, so a stem in most entries still counts a little.
    const idf = Math.log(1 + (total - docs.length + 0.5) / (docs.length + 0.5));
    for (const [i, doc] of docs.entries()) {
      const frequency = frequencies[i] ?? 0;
      const norm = K1 * (1 - B + (B * (lengths[doc] ?? 0)) / averageLength);
      const gain = (idf * frequency * (K1 + 1)) / (frequency + norm);
      const sum = scores.get(doc);
      if (sum) {
        sum.score += gain;
        sum.matched += 1;
      } else scores.set(doc, { score: gain, matched: 1 });
    }
  }

  const ranked: RankedEntry[] = [];
  for (const [doc, { score, matched }] of [...scores].sort(([a], [b]) => a - b)) {
    const entry = entries[doc];
    if (entry) ranked.push({ entry, score, coverage: matched / queryStems.length });
  }
  // Array#sort is stable, so equal scores keep the knowledge's order.
  ranked.sort((a, b) => b.score - a.score);
  return ranked.slice(0, limit);
}

/**
 * The part of `text` that best answers `query`, at most `maxChars` long: the paragraph with
 * the most query stems when it fits, otherwise its best sentence widened by its neighbours
 * while they fit. With no matching paragraph, the opening of the text.
 */
export function bestPassage(text: string, query: string, maxChars: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= maxChars) return trimmed;
  const wanted = new Set(tokenize(query));
  const paragraphs = trimmed
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
  const best = bestBy(paragraphs, (paragraph) => relevance(paragraph, wanted));
  const paragraph = best && best.score > 0 ? best.item : (paragraphs[0] ?? trimmed);
  if (paragraph.length <= maxChars) return paragraph;

  const sentences = paragraph.match(/[^.!?\n]+(?:[.!?]+|\n|$)/g)?.map((s) => s.trim()) ?? [];
  const usable = sentences.filter((sentence) => sentence.length > 0);
  const center = bestBy(usable, (sentence) => relevance(sentence, wanted));
  if (!center) return clip(paragraph, maxChars);
  let from = center.index;
  let to = center.index;
  let length = usable[from]?.length ?? 0;
  // Grow forward first: the sentences after a match usually finish the explanation.
  for (let grew = true; grew; ) {
    grew = false;
    const next = usable[to + 1];
    if (next !== undefined && length + 1 + next.length <= maxChars) {
      to += 1;
      length += 1 + next.length;
      grew = true;
    }
    const previous = usable[from - 1];
    if (previous !== undefined && length + 1 + previous.length <= maxChars) {
      from -= 1;
      length += 1 + previous.length;
      grew = true;
    }
  }
  return clip(usable.slice(from, to + 1).join(" "), maxChars);
}

/** Distinct query stems in the text, then their total occurrences as a tie-breaker. */
function relevance(text: string, wanted: ReadonlySet<string>): number {
  const seen = new Set<string>();
  let hits = 0;
  for (const stem of tokenize(text)) {
    if (!wanted.has(stem)) continue;
    seen.add(stem);
    hits += 1;
  }
  return seen.size + hits / (hits + 1);
}

function bestBy<T>(
  items: readonly T[],
  score: (item: T) => number,
): { item: T; index: number; score: number } | null {
  let best: { item: T; index: number; score: number } | null = null;
  for (const [index, item] of items.entries()) {
    const value = score(item);
    if (!best || value > best.score) best = { item, index, score: value };
  }
  return best;
}

/** Cut at a word boundary with an ellipsis when the text is longer than `maxChars`. */
function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
