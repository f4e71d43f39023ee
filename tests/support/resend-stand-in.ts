import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { isRecord, parseJson, readBody } from "./http-helpers";

/**
 * A local stand-in for Resend's `POST /emails`, checking what Resend checks: the bearer key,
 * JSON body, required fields, the Idempotency-Key (≤ 256 chars, a repeat with the same
 * payload replays the first answer, with another payload is a 409). Every request is recorded.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  idempotencyKey: string | undefined;
  /** Parsed JSON, or the raw text when it is not JSON. */
  body: unknown;
  /** What the stand-in answered; null when it dropped the connection. */
  status: number | null;
}

export interface AcceptedEmail {
  id: string;
  idempotencyKey: string | undefined;
  payload: Record<string, unknown>;
}

/** A status answered instead of processing the request, or "network" to drop the connection. */
export type ScriptedFailure =
  | number
  | "network"
  | { status: number; retryAfterSeconds?: number; name?: string; message?: string };

export interface ResendStandIn {
  url: string;
  apiKey: string;
  requests: RecordedRequest[];
  /** One entry per email Resend would deliver (replays of an idempotent request add none). */
  accepted: AcceptedEmail[];
  requestsWithKey(idempotencyKey: string): RecordedRequest[];
  /** Answers the next requests (after the key check) with these failures, in order. */
  failNext(...failures: ScriptedFailure[]): void;
  close(): Promise<void>;
}

const errorNames: Record<number, string> = {
  400: "validation_error",
  401: "missing_api_key",
  403: "invalid_api_key",
  409: "invalid_idempotent_request",
  422: "validation_error",
  429: "rate_limit_exceeded",
  500: "internal_server_error",
  503: "application_error",
};

const addressPattern = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const tagPattern = /^[A-Za-z0-9_-]{1,256}$/;

export async function startResendStandIn(
  apiKey = `re_test_${randomUUID().replaceAll("-", "")}`,
): Promise<ResendStandIn> {
  const requests: RecordedRequest[] = [];
  const accepted: AcceptedEmail[] = [];
  const failures: ScriptedFailure[] = [];
  const idempotent = new Map<string, { payload: string; id: string }>();

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const record: RecordedRequest = {
      method: req.method ?? "",
      path: req.url ?? "",
      authorization: req.headers.authorization,
      contentType: req.headers["content-type"],
      idempotencyKey: header(req, "idempotency-key"),
      body: parseJson(raw) ?? raw,
      status: null,
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
      name = errorNames[status] ?? "application_error",
    ) => reply(status, { statusCode: status, name, message });

    if (record.path !== "/emails")
      return fail(404, "The requested endpoint does not exist.", "not_found");
    if (record.method !== "POST") return fail(405, "Method not allowed", "method_not_allowed");

    const bearer = /^Bearer (.+)$/.exec(record.authorization ?? "")?.[1];
    if (!bearer) return fail(401, "Missing API key in the authorization header.");
    if (bearer !== apiKey) return fail(403, "API key is invalid.");

    const key = record.idempotencyKey;
    if (key !== undefined && (key.length < 1 || key.length > 256)) {
      return fail(400, "The key must be between 1-256 chars.", "invalid_idempotency_key");
    }

    const failure = failures.shift();
    if (failure === "network") {
      res.socket?.destroy();
      return;
    }
    if (failure !== undefined) {
      const spec = typeof failure === "number" ? { status: failure } : failure;
      const retryAfter = spec.retryAfterSeconds ?? (spec.status === 429 ? 1 : undefined);
      record.status = spec.status;
      res.writeHead(spec.status, {
        "content-type": "application/json",
        ...(retryAfter === undefined ? {} : { "retry-after": String(retryAfter) }),
      });
      res.end(
        JSON.stringify({
          statusCode: spec.status,
          name: spec.name ?? errorNames[spec.status] ?? "application_error",
          message: spec.message ?? `Scripted failure ${spec.status}.`,
        }),
      );
      return;
    }

    if (!record.contentType?.toLowerCase().startsWith("application/json")) {
      return fail(400, "The request body must be JSON (Content-Type: application/json).");
    }
    const payload = parseJson(raw);
    if (!isRecord(payload)) return fail(422, "The request body must be a JSON object.");
    const problem = validateEmail(payload);
    if (problem) return fail(422, problem);

    if (key !== undefined) {
      const seen = idempotent.get(key);
      const canonical = canonicalJson(payload);
      if (seen && seen.payload !== canonical) {
        return fail(409, "Same idempotency key used with a different request payload.");
      }
      if (seen) return reply(200, { id: seen.id });
      const id = randomUUID();
      idempotent.set(key, { payload: canonical, id });
      accepted.push({ id, idempotencyKey: key, payload });
      return reply(200, { id });
    }
    const id = randomUUID();
    accepted.push({ id, idempotencyKey: undefined, payload });
    return reply(200, { id });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    accepted,
    requestsWithKey: (idempotencyKey) =>
      requests.filter((request) => request.idempotencyKey === idempotencyKey),
    failNext: (...next) => {
      failures.push(...next);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Resend's checks on a send, in its wording where known; null when the payload is valid. */
function validateEmail(payload: Record<string, unknown>): string | null {
  const { from, to, subject, html, text, tags } = payload;
  if (typeof from !== "string" || !isAddress(from)) {
    return "Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.";
  }
  const recipients = typeof to === "string" ? [to] : to;
  if (!Array.isArray(recipients) || recipients.length === 0) return "Missing `to` field.";
  if (recipients.length > 50) return "Invalid `to` field. A maximum of 50 recipients is allowed.";
  if (!recipients.every((address) => typeof address === "string" && isAddress(address))) {
    return "Invalid `to` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.";
  }
  if (typeof subject !== "string" || subject.length === 0) return "Missing `subject` field.";
  if (typeof html !== "string" && typeof text !== "string") {
    return "Missing `html` or `text` field.";
  }
  if (tags !== undefined) {
    const valid =
      Array.isArray(tags) &&
      tags.every(
        (tag) =>
          isRecord(tag) &&
          typeof tag.name === "string" &&
          typeof tag.value === "string" &&
          tagPattern.test(tag.name) &&
          tagPattern.test(tag.value),
      );
    if (!valid) {
      return "Invalid `tags` field. Tags may only contain ASCII letters, numbers, underscores, or dashes.";
    }
  }
  return null;
}

function isAddress(value: string): boolean {
  const named = /^[^<>]*<([^<>]+)>$/.exec(value.trim());
  return addressPattern.test(named?.[1] ?? value.trim());
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** JSON with sorted keys, so a replay with the same fields in another order still matches. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}
