import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV3GenerateResult } from "@ai-sdk/provider";
import { APICallError, NoObjectGeneratedError, streamText } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createModelResponder } from "@/lib/agents/model-responder";
import { type KnowledgeEntry, ResponderError, type ResponderInput } from "@/lib/agents/responder";
import { describeResponder, responderFromEnv } from "@/lib/agents/responder-config";
import {
  type ChatCompletionRequest,
  echoDecision,
  type OpenAiStandIn,
  startOpenAiStandIn,
} from "../support/openai-stand-in";

/**
 * The model responder: its prompt and decisions with the AI SDK's mock model, then over HTTP
 * against a local OpenAI-compatible stand-in, chosen by responderFromEnv — replies, handoffs,
 * and every way the model can fail becoming a ResponderError.
 */

const knowledge: KnowledgeEntry[] = [
  {
    id: "refund",
    kind: "qa",
    title: "What is your refund policy?",
    body: "Refunds go back to the original payment method within 5 business days.",
  },
  {
    id: "hours",
    kind: "qa",
    title: "What are your opening hours?",
    body: "Monday to Friday, 9:00 to 17:00 CET.",
  },
  {
    id: "care",
    kind: "article",
    title: "Caring for wool sweaters",
    body: "Wash wool sweaters by hand in cold water.\n\nDry them flat, away from the sun.",
  },
];

function input(overrides: Partial<ResponderInput> = {}): ResponderInput {
  return {
    agent: { name: "Sunny", instructions: "Always sign off with 'Sunny from Acme'." },
    knowledge,
    transcript: [
      { from: "customer", body: "Hello, I bought a sweater last week." },
      { from: "agent", body: "Hi! How can I help you today?" },
      { from: "member", body: "I'm looking into your order." },
    ],
    message: "How do refunds work?",
    contactName: "Ana López",
    ...overrides,
  };
}

function generated(text: string): LanguageModelV3GenerateResult {
  return {
    content: [{ type: "text", text }],
    finishReason: { unified: "stop", raw: "stop" },
    usage: {
      inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: 5, text: 5, reasoning: undefined },
    },
    warnings: [],
  };
}

function mockModel(text: string) {
  return new MockLanguageModelV3({ doGenerate: generated(text) });
}

describe("createModelResponder with a mock model", () => {
  it("replies with the model's reply and names itself after the model", async () => {
    const model = mockModel(JSON.stringify({ action: "reply", reply: " Refunds take 5 days. " }));
    const responder = createModelResponder({ model, modelName: "mock-1" });
    expect(responder.name).toBe("model:mock-1");
    expect(await responder.respond(input())).toEqual({
      kind: "reply",
      reply: "Refunds take 5 days.",
    });
  });

  it("puts the instructions and the relevant knowledge in the system prompt, then the conversation", async () => {
    const model = mockModel(JSON.stringify({ action: "reply", reply: "ok" }));
    await createModelResponder({ model, modelName: "mock-1" }).respond(input());

    const call = model.doGenerateCalls[0];
    expect(call?.responseFormat).toMatchObject({ type: "json" });
    const [system, ...rest] = call?.prompt ?? [];
    expect(system?.role).toBe("system");
    const systemText = system?.role === "system" ? system.content : "";
    expect(systemText).toContain("You are Sunny");
    expect(systemText).toContain("Always sign off with 'Sunny from Acme'.");
    expect(systemText).toContain("The customer's name is Ana López.");
    expect(systemText).toMatch(/hand off/i);
    const block = /<knowledge>([\s\S]*)<\/knowledge>/.exec(systemText)?.[1] ?? "";
    // The refund Q&A ranks first; the others fill the remaining slots.
    expect(block.indexOf("Q: What is your refund policy?")).toBeGreaterThan(-1);
    expect(block.indexOf("Q: What is your refund policy?")).toBeLessThan(
      block.indexOf("opening hours"),
    );
    expect(block).toContain(
      "Refunds go back to the original payment method within 5 business days.",
    );

    const texts = rest.map((message) => ({
      role: message.role,
      text: Array.isArray(message.content)
        ? message.content.map((part) => (part.type === "text" ? part.text : "")).join("")
        : "",
    }));
    expect(texts).toEqual([
      { role: "user", text: "Hello, I bought a sweater last week." },
      { role: "assistant", text: "Hi! How can I help you today?" },
      { role: "assistant", text: "(team member) I'm looking into your order." },
      { role: "user", text: "How do refunds work?" },
    ]);
  });

  it("hands off when the model decides to, with its reason", async () => {
    const model = mockModel(JSON.stringify({ action: "handoff", reason: "Not in the knowledge." }));
    expect(await createModelResponder({ model, modelName: "m" }).respond(input())).toEqual({
      kind: "handoff",
      reason: "Not in the knowledge.",
    });
  });

  it("hands off an empty reply, and fills in a missing reason", async () => {
    const empty = mockModel(JSON.stringify({ action: "reply", reply: "  ", reason: null }));
    expect(await createModelResponder({ model: empty, modelName: "m" }).respond(input())).toEqual({
      kind: "handoff",
      reason: "The model returned an empty reply.",
    });
    const bare = mockModel(JSON.stringify({ action: "handoff" }));
    expect(await createModelResponder({ model: bare, modelName: "m" }).respond(input())).toEqual({
      kind: "handoff",
      reason: "The model handed off without a reason.",
    });
  });

  it("reads a decision wrapped in a Markdown fence or a sentence", async () => {
    for (const text of [
      '```json\n{"action":"reply","reply":"Refunds take 5 days."}\n```',
      'Here is my answer: {"action":"reply","reply":"Refunds take 5 days."} Hope it helps.',
    ]) {
      expect(
        await createModelResponder({ model: mockModel(text), modelName: "m" }).respond(input()),
      ).toEqual({
        kind: "reply",
        reply: "Refunds take 5 days.",
      });
    }
  });

  it.each([
    ["text that is not JSON", "Sure! Refunds take 5 days."],
    ["a fence around something else", '```json\n{"answer": 42}\n```'],
    ["JSON of the wrong shape", JSON.stringify({ action: "escalate" })],
  ])("throws a ResponderError on %s", async (_label, text) => {
    const responder = createModelResponder({ model: mockModel(text), modelName: "m" });
    const error = await responder.respond(input()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponderError);
    expect(NoObjectGeneratedError.isInstance((error as ResponderError).cause)).toBe(true);
  });

  it("throws a ResponderError with the cause when the call fails", async () => {
    const failure = new APICallError({
      message: "Bad gateway",
      url: "http://model.test/chat/completions",
      requestBodyValues: {},
      statusCode: 502,
      isRetryable: false,
    });
    const model = new MockLanguageModelV3({
      doGenerate: async () => {
        throw failure;
      },
    });
    const error = await createModelResponder({ model, modelName: "m", maxRetries: 0 })
      .respond(input())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponderError);
    expect((error as ResponderError).cause).toBe(failure);
    expect((error as ResponderError).message).toContain("HTTP 502");
  });

  it("passes the abort signal and lets a cancellation through as it is", async () => {
    const controller = new AbortController();
    const model = new MockLanguageModelV3({
      doGenerate: async ({ abortSignal }) => {
        controller.abort(new Error("the turn was cancelled"));
        abortSignal?.throwIfAborted();
        return generated("{}");
      },
    });
    const error = await createModelResponder({ model, modelName: "m" })
      .respond(input(), { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(ResponderError);
    expect(model.doGenerateCalls[0]?.abortSignal).toBe(controller.signal);
  });
});

describe("responderFromEnv against an OpenAI-compatible stand-in", () => {
  const apiKey = "sk-test-switchboard-0123456789";
  const modelName = "acme-chat-1";
  let standIn: OpenAiStandIn;
  let env: Record<string, string>;

  beforeAll(async () => {
    standIn = await startOpenAiStandIn({ apiKey, model: modelName });
  });

  beforeEach(() => {
    standIn.requests.length = 0;
    standIn.respondWith(echoDecision);
    env = {
      AI_BASE_URL: standIn.url,
      AI_MODEL: modelName,
      AI_API_KEY: apiKey,
      AI_MAX_RETRIES: "2",
    };
  });

  afterAll(async () => {
    await standIn.close();
  });

  const decision = (content: object) => () => ({ content: JSON.stringify(content) });

  it("picks the built-in responder without AI_BASE_URL or AI_MODEL", () => {
    expect(responderFromEnv({}).name).toBe("built-in");
    expect(responderFromEnv({ AI_BASE_URL: standIn.url }).name).toBe("built-in");
    expect(describeResponder({})).toBe(
      "AI responder: built-in (knowledge retrieval; set AI_BASE_URL and AI_MODEL for a model)",
    );
    expect(
      describeResponder({ AI_BASE_URL: "https://user:secret@llm.test/v1/", AI_MODEL: "m" }),
    ).toBe("AI responder: model m at https://llm.test/v1");
    expect(() => responderFromEnv({ ...env, AI_MAX_RETRIES: "lots" })).toThrow(/AI_MAX_RETRIES/);
  });

  it("replies through the model, sending the key, the model, and the prompt", async () => {
    const responder = responderFromEnv(env);
    expect(responder.name).toBe(`model:${modelName}`);
    expect(await responder.respond(input())).toEqual({
      kind: "reply",
      reply: "You said: How do refunds work?",
    });

    expect(standIn.requests).toHaveLength(1);
    const [request] = standIn.requests;
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.authorization).toBe(`Bearer ${apiKey}`);
    const chat = request?.chat as ChatCompletionRequest;
    expect(chat.model).toBe(modelName);
    expect(chat.stream).toBe(false);
    expect(chat.responseFormat).toEqual({ type: "json_object" });
    const system = chat.messages[0];
    expect(system?.role).toBe("system");
    expect(system?.content).toContain("Always sign off with 'Sunny from Acme'.");
    expect(system?.content).toContain("Refunds go back to the original payment method");
    expect(chat.messages.slice(1).map((message) => message.role)).toEqual([
      "user",
      "assistant",
      "assistant",
      "user",
    ]);
    expect(chat.messages.at(-1)?.content).toBe("How do refunds work?");
  });

  it("hands off when the model says so", async () => {
    standIn.respondWith(decision({ action: "handoff", reason: "Needs a refund exception." }));
    expect(await responderFromEnv(env).respond(input())).toEqual({
      kind: "handoff",
      reason: "Needs a refund exception.",
    });
  });

  it("works without an API key when the server needs none", async () => {
    const open = await startOpenAiStandIn({ apiKey: null, model: modelName });
    try {
      const { AI_API_KEY: _key, ...keyless } = env;
      const decisionWithoutKey = await responderFromEnv({
        ...keyless,
        AI_BASE_URL: open.url,
      }).respond(input());
      expect(decisionWithoutKey.kind).toBe("reply");
      expect(open.requests[0]?.authorization).toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it("throws a ResponderError on a wrong key, without retrying", async () => {
    const error = await responderFromEnv({ ...env, AI_API_KEY: "sk-wrong" })
      .respond(input())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponderError);
    expect((error as ResponderError).message).toContain("HTTP 401");
    expect(standIn.requests.map((request) => request.status)).toEqual([401]);
  });

  it("throws a ResponderError on an unknown model", async () => {
    const error = await responderFromEnv({ ...env, AI_MODEL: "no-such-model" })
      .respond(input())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponderError);
    expect((error as ResponderError).message).toContain("HTTP 404");
    expect(standIn.requests.map((request) => request.status)).toEqual([404]);
  });

  it("retries server errors, then throws a ResponderError", async () => {
    standIn.respondWith(() => ({
      status: 500,
      body: { error: { message: "The server had an error.", type: "server_error", code: null } },
      // OpenAI's own hint; it keeps the test from waiting out the SDK's 2 s backoff.
      headers: { "retry-after-ms": "10" },
    }));
    const error = await responderFromEnv(env)
      .respond(input())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponderError);
    expect((error as ResponderError).message).toContain("HTTP 500");
    expect(standIn.requests).toHaveLength(3);
    expect(standIn.requests.every((request) => request.status === 500)).toBe(true);
  });

  it("recovers when a retry succeeds", async () => {
    let calls = 0;
    standIn.respondWith((request) => {
      calls += 1;
      return calls === 1
        ? {
            status: 503,
            body: { error: { message: "Overloaded" } },
            headers: { "retry-after-ms": "10" },
          }
        : echoDecision(request);
    });
    expect((await responderFromEnv(env).respond(input())).kind).toBe("reply");
    expect(standIn.requests.map((request) => request.status)).toEqual([503, 200]);
  });

  it.each([
    ["prose", "I think you should get a refund!"],
    ["JSON without an action", JSON.stringify({ reply: "Refunds take 5 days." })],
    ["an empty message", ""],
  ])("throws a ResponderError when the model answers %s", async (_label, content) => {
    standIn.respondWith(() => ({ content }));
    const error = await responderFromEnv(env)
      .respond(input())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponderError);
    expect(NoObjectGeneratedError.isInstance((error as ResponderError).cause)).toBe(true);
  });
});

describe("the stand-in's stream", () => {
  it("streams chunks the AI SDK reads back", async () => {
    const standIn = await startOpenAiStandIn({ apiKey: "k", model: "m" });
    try {
      standIn.respondWith(() => ({ content: "A reply long enough to arrive in several chunks." }));
      const provider = createOpenAICompatible({
        name: "ai",
        baseURL: standIn.url,
        apiKey: "k",
        includeUsage: true,
      });
      const result = streamText({ model: provider("m"), prompt: "Hello" });
      expect(await result.text).toBe("A reply long enough to arrive in several chunks.");
      expect((await result.usage).outputTokens).toBeGreaterThan(0);
      expect(standIn.requests[0]?.chat?.stream).toBe(true);
    } finally {
      await standIn.close();
    }
  });
});
