/**
 * What an AI agent's brain sees and decides. Two implementations: the built-in responder
 * (retrieval over the agent's knowledge, no model) and an OpenAI-compatible model through
 * the AI SDK; `responderFromEnv()` picks one.
 */

export interface KnowledgeEntry {
  id: string;
  kind: "qa" | "article";
  /** The question (Q&A) or the article's title. */
  title: string;
  /** The answer (Q&A) or the article's text. */
  body: string;
}

/** One line of the recent conversation, oldest first. */
export interface TranscriptLine {
  from: "customer" | "agent" | "member";
  body: string;
}

export interface ResponderInput {
  agent: { name: string; instructions: string };
  /** All of the agent's knowledge; a responder ranks and picks from it. */
  knowledge: readonly KnowledgeEntry[];
  /** The recent conversation before `message`, oldest first. */
  transcript: TranscriptLine[];
  /** The customer's message to answer. */
  message: string;
  contactName: string | null;
}

export type AgentDecision = { kind: "reply"; reply: string } | { kind: "handoff"; reason: string };

export interface Responder {
  /** "built-in" or "model:{AI_MODEL}", for logs and the drawer. */
  readonly name: string;
  /** Throws ResponderError when the model cannot be reached after its retries. */
  respond(input: ResponderInput, options?: { signal?: AbortSignal }): Promise<AgentDecision>;
}

/** The model failed after retries (network, HTTP error, unusable output): the caller hands off. */
export class ResponderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ResponderError";
  }
}
