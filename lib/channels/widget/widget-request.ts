import "server-only";
import type { Database } from "@/db/client";
import type { Workspace } from "@/db/schema";
import { readLimitedText } from "@/lib/api/read-limited-body";
import { jsonError } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { MAX_REQUEST_BYTES } from "./limits";
import { verifyStreamTicket } from "./stream-ticket";
import type { WidgetSettingsView } from "./types";
import { verifyVisitorToken } from "./visitor-token";
import { findWidgetWorkspace } from "./widget-settings";

export interface AuthenticatedVisitor {
  workspace: Workspace;
  settings: WidgetSettingsView;
  visitorId: string;
}

const sessionInvalid = () =>
  new AppError(
    "unauthenticated",
    "Your chat session is not valid. Reload the chat to start again.",
  );

/** The visitor behind `Authorization: Bearer <visitor token>`; 401 when the token is missing, forged or foreign. */
export async function authenticateVisitor(
  db: Database,
  { request, publicId }: { request: Request; publicId: string },
): Promise<AuthenticatedVisitor> {
  const { workspace, settings } = await findWidgetWorkspace(db, publicId);
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) {
    throw new AppError("unauthenticated", "Start a chat session first (no visitor token sent).");
  }
  const visitorId = verifyVisitorToken(match[1], workspace.publicId);
  if (!visitorId) throw sessionInvalid();
  return { workspace, settings, visitorId };
}

/** The visitor behind a token passed as a value (Pusher's channel authorisation form). */
export async function authenticateVisitorToken(
  db: Database,
  { token, publicId }: { token: string | null; publicId: string },
): Promise<AuthenticatedVisitor> {
  const { workspace, settings } = await findWidgetWorkspace(db, publicId);
  if (!token) {
    throw new AppError("unauthenticated", "Start a chat session first (no visitor token sent).");
  }
  const visitorId = verifyVisitorToken(token, workspace.publicId);
  if (!visitorId) throw sessionInvalid();
  return { workspace, settings, visitorId };
}

/**
 * The visitor whose live stream a ticket opens (the stream's `?ticket=`: EventSource cannot
 * send headers, and the visitor token itself never goes in a URL — stream-ticket.ts).
 */
export async function authenticateStreamTicket(
  db: Database,
  { ticket, publicId }: { ticket: string | null; publicId: string },
): Promise<AuthenticatedVisitor> {
  const { workspace, settings } = await findWidgetWorkspace(db, publicId);
  const visitorId = ticket ? verifyStreamTicket(ticket, workspace.publicId) : null;
  if (!visitorId) {
    throw new AppError(
      "unauthenticated",
      "That live-updates ticket is missing or has expired. Ask for a new one.",
    );
  }
  return { workspace, settings, visitorId };
}

/** The JSON body of a widget request, refused when it is too large or not JSON. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const tooLarge = () =>
    new AppError("validation", "That request is too large. Keep messages under 4,000 characters.");
  const text = await readLimitedText(request, MAX_REQUEST_BYTES);
  if (text === null) throw tooLarge();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation", "Send the request body as JSON.");
  }
}

/**
 * Runs a widget endpoint: its result as JSON, never cached; a failure as
 * `{ error: { code, message } }` with the status of its code.
 */
export async function widgetResponse(
  name: string,
  run: () => Promise<object>,
  { status = 200 }: { status?: number } = {},
): Promise<Response> {
  try {
    return Response.json(await run(), { status, headers: { "cache-control": "no-store" } });
  } catch (error) {
    const response = jsonError(error, name);
    response.headers.set("cache-control", "no-store");
    return response;
  }
}
