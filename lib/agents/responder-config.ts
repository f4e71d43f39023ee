import "server-only";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { builtinResponder } from "./builtin-responder";
import { createModelResponder } from "./model-responder";
import type { Responder } from "./responder";

/**
 * Which responder the AI agents use, from the environment:
 * - AI_BASE_URL and AI_MODEL: an OpenAI-compatible chat completions API
 *   (`{AI_BASE_URL}/chat/completions`), with AI_API_KEY as its bearer key when set.
 * - AI_MAX_RETRIES: retries of a failed model call, default 2.
 * - otherwise the built-in responder (retrieval over the agent's knowledge, no model).
 */

type Env = Readonly<Record<string, string | undefined>>;

const DEFAULT_MAX_RETRIES = 2;

export function responderFromEnv(env: Env = process.env): Responder {
  const config = modelConfig(env);
  if (!config) return builtinResponder;
  // The provider asks for JSON output without a schema (most OpenAI-compatible servers take
  // that, and our zod check validates the answer); the SDK would warn about it on every call.
  globalThis.AI_SDK_LOG_WARNINGS = false;
  const provider = createOpenAICompatible({
    name: "ai",
    baseURL: config.baseURL,
    apiKey: config.apiKey,
  });
  return createModelResponder({
    model: provider(config.model),
    modelName: config.model,
    maxRetries: config.maxRetries,
  });
}

/** One line for the startup log; never shows the key or credentials in the URL. */
export function describeResponder(env: Env = process.env): string {
  const config = modelConfig(env);
  if (!config) {
    return "AI responder: built-in (knowledge retrieval; set AI_BASE_URL and AI_MODEL for a model)";
  }
  return `AI responder: model ${config.model} at ${withoutCredentials(config.baseURL)}`;
}

function modelConfig(env: Env) {
  const baseURL = env.AI_BASE_URL?.trim();
  const model = env.AI_MODEL?.trim();
  if (!baseURL || !model) return null;
  return {
    baseURL: baseURL.replace(/\/+$/, ""),
    model,
    apiKey: env.AI_API_KEY?.trim() || undefined,
    maxRetries: parseMaxRetries(env.AI_MAX_RETRIES),
  };
}

function parseMaxRetries(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_MAX_RETRIES;
  const retries = Number(value);
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) {
    throw new Error(`AI_MAX_RETRIES must be a whole number from 0 to 10, not "${value}".`);
  }
  return retries;
}

function withoutCredentials(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  parsed.username = "";
  parsed.password = "";
  return parsed.toString().replace(/\/+$/, "");
}
