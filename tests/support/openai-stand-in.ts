import { randomUUID } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isRecord, parseJson, readBody } from "./http-helpers";

/**
 * A local stand-in for an OpenAI-compatible `POST /chat/completions` (also under `/v1`),
 * checking what such a server checks: the bearer key (401 `invalid_api_key`; no check when
 * `apiKey` is null, like a local server without auth), the model
 * (404 `model_not_found`), a JSON body with a messages array of role/content. It answers in
 * the real chat.completion format (or as an SSE stream of chunks for `stream: true`), with
 * content from a programmable handler. Every request is recorded.
 */

export interface ChatMessage {
  role: string;
  /** Text content; an array of parts is joined from its text parts. */
  content: string;
}

export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  /** As sent, e.g. `{ type: "json_object" }`. */
  responseFormat: unknown;
  body: Record<string, unknown>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  /** Parsed JSON, or the raw text when it is not JSON. */
  body: unknown;
  /** The validated request, null when it was refused before the handler. */
  chat: ChatCompletionRequest | null;
  status: number;
}

export type StandInAnswer =
  | { content: string }
  | { status: number; body: unknown; headers?: Record<string, string> };

export type StandInHandler = (
  request: ChatCompletionRequest,
) => StandInAnswer | Promise<StandInAnswer>;

export interface OpenAiStandIn {
  /** Base URL for `baseURL`, ending in `/v1`. */
  url: string;
  requests: RecordedRequest[];
  respondWith(handler: StandInHandler): void;
  close(): Promise<void>;
}

const ROLES = new Set(["system", "developer", "user", "assistant", "tool"]);

/** Replies `{"action":"reply","reply":"You said: …"}` to the last user message. */
export const echoDecision: StandInHandler = (request) => {
  const last = request.messages.filter((message) => message.role === "user").at(-1);
  return {
    content: JSON.stringify({ action: "reply", reply: `You said: ${last?.content ?? ""}` }),
  };
};

export async function startOpenAiStandIn({
  apiKey,
  model,
}: {
  apiKey: string | null;
  model: string;
}): Promise<OpenAiStandIn> {
  const requests: RecordedRequest[] = [];
  let handler: StandInHandler = echoDecision;

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const record: RecordedRequest = {
      method: req.method ?? "",
      path: (req.url ?? "").split("?")[0] ?? "",
      authorization: req.headers.authorization,
      body: parseJson(raw) ?? raw,
      chat: null,
      status: 0,
    };
    requests.push(record);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    const fail = (
      status: number,
      message: string,
      code: string | null,
      param: string | null = null,
    ) => reply(status, { error: { message, type: "invalid_request_error", param, code } });

    if (record.path !== "/chat/completions" && record.path !== "/v1/chat/completions") {
      return fail(404, `Invalid URL (${record.method} ${record.path})`, "unknown_url");
    }
    if (record.method !== "POST") {
      return fail(405, `Invalid method for ${record.path}: ${record.method}`, "method_not_allowed");
    }
    const bearer = /^Bearer (.+)$/.exec(record.authorization ?? "")?.[1];
    if (apiKey !== null && bearer !== apiKey) {
      const shown = bearer ? `${bearer.slice(0, 3)}…${bearer.slice(-4)}` : "(none)";
      return fail(401, `Incorrect API key provided: ${shown}.`, "invalid_api_key");
    }
    if (!isRecord(record.body)) {
      return fail(400, "We could not parse the JSON body of your request.", null);
    }
    const parsed = parseChatRequest(record.body);
    if (typeof parsed === "string") return fail(400, parsed, null, "messages");
    if (parsed.model !== model) {
      return fail(
        404,
        `The model \`${parsed.model}\` does not exist or you do not have access to it.`,
        "model_not_found",
      );
    }
    record.chat = parsed;

    const answer = await handler(parsed);
    if ("status" in answer) return reply(answer.status, answer.body, answer.headers);
    record.status = 200;
    if (parsed.stream) return stream(res, parsed, answer.content);
    reply(200, {
      id: `chatcmpl-${randomUUID()}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: parsed.model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: answer.content, refusal: null },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: usage(parsed, answer.content),
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    respondWith: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The request, or what OpenAI would say is wrong with it. */
function parseChatRequest(body: Record<string, unknown>): ChatCompletionRequest | string {
  if (typeof body.model !== "string" || body.model === "") {
    return "you must provide a model parameter";
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return "'messages' must be a non-empty array.";
  }
  const messages: ChatMessage[] = [];
  for (const [index, message] of body.messages.entries()) {
    if (!isRecord(message) || typeof message.role !== "string" || !ROLES.has(message.role)) {
      return `Invalid value for 'messages[${index}].role'.`;
    }
    const content = textOf(message.content);
    // An assistant message with tool calls may have no content; nothing else may.
    if (content === null && !(message.role === "assistant" && Array.isArray(message.tool_calls))) {
      return `Invalid type for 'messages[${index}].content': expected a string or an array of content parts.`;
    }
    messages.push({ role: message.role, content: content ?? "" });
  }
  if (body.stream !== undefined && typeof body.stream !== "boolean") {
    return "Invalid type for 'stream': expected a boolean.";
  }
  return {
    model: body.model,
    messages,
    stream: body.stream === true,
    responseFormat: body.response_format,
    body,
  };
}

function textOf(content: unknown): string | null {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return null;
  const parts: string[] = [];
  for (const part of content) {
    if (!isRecord(part) || typeof part.type !== "string") return null;
    if (part.type === "text" && typeof part.text === "string") parts.push(part.text);
  }
  return parts.join("");
}

/** `chat.completion.chunk` events: the role, the content in a few pieces, the finish, [DONE]. */
function stream(res: ServerResponse, request: ChatCompletionRequest, content: string) {
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Record<string, unknown>, finishReason: string | null) => ({
    id,
    object: "chat.completion.chunk",
    created,
    model: request.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  send(chunk({ role: "assistant", content: "" }, null));
  for (const piece of content.match(/[\s\S]{1,16}/g) ?? []) send(chunk({ content: piece }, null));
  send(chunk({}, "stop"));
  const options = request.body.stream_options;
  if (isRecord(options) && options.include_usage === true) {
    send({
      id,
      object: "chat.completion.chunk",
      created,
      model: request.model,
      choices: [],
      usage: usage(request, content),
    });
  }
  res.end("data: [DONE]\n\n");
}

/** Roughly four characters a token, like the tokenizer on English text. */
function usage(request: ChatCompletionRequest, content: string) {
  const prompt = Math.ceil(request.messages.reduce((sum, m) => sum + m.content.length, 0) / 4);
  const completion = Math.ceil(content.length / 4);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
  };
}
