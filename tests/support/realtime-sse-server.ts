import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@/db/client";
import { signStreamTicket, verifyStreamTicket } from "@/lib/channels/widget/stream-ticket";
import { verifyVisitorToken } from "@/lib/channels/widget/visitor-token";
import { findWidgetWorkspace } from "@/lib/channels/widget/widget-settings";
import { loadSubscriber } from "@/lib/realtime/audience";
import { eventStream } from "@/lib/realtime/event-stream";
import { lastEventIdOf } from "@/lib/realtime/last-event-id";

/**
 * The built-in driver served the way the app's route handlers serve it, minus the session
 * door (tests name the member): `GET /members/{memberId}/events` is
 * app/api/workspaces/[workspace]/realtime, `GET /widget/{publicId}/events?ticket=` is
 * app/api/widget/[publicId]/events. The `eventStream` Response is piped to a plain Node server.
 */

export interface SseServer {
  server: Server;
  url: string;
  memberUrl(memberId: string): string;
  /** The visitor's stream, with a ticket traded for `token` (as POST …/stream-ticket does). */
  visitorUrl(publicId: string, token: string): string;
  close(): Promise<void>;
}

async function pipe(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
  } finally {
    res.end();
  }
}

export async function startSseServer(db: Database): Promise<SseServer> {
  const server = createServer((req, res) => {
    const controller = new AbortController();
    res.on("close", () => controller.abort());
    const url = new URL(req.url ?? "/", "http://sse.local");
    const request = new Request(url, { headers: req.headers as Record<string, string> });
    const run = async (): Promise<Response> => {
      const member = /^\/members\/([0-9a-f-]{36})\/events$/.exec(url.pathname);
      if (member?.[1]) {
        const subscriber = await loadSubscriber(db, member[1]);
        if (!subscriber) return new Response("not a member", { status: 404 });
        return eventStream(db, {
          audience: { kind: "member", subscriber },
          lastEventId: lastEventIdOf(request),
          signal: controller.signal,
        });
      }
      const widget = /^\/widget\/([A-Za-z0-9_-]+)\/events$/.exec(url.pathname);
      if (widget?.[1]) {
        // authenticateStreamTicket's check, without its module's route helpers (Next's).
        const found = await findWidgetWorkspace(db, widget[1]).catch(() => null);
        if (!found) return new Response("no such chat", { status: 404 });
        const { workspace } = found;
        const ticket = url.searchParams.get("ticket");
        const visitorId = ticket ? verifyStreamTicket(ticket, workspace.publicId) : null;
        if (!visitorId) return new Response("bad ticket", { status: 401 });
        return eventStream(db, {
          audience: { kind: "visitor", workspaceId: workspace.id, visitorId },
          lastEventId: lastEventIdOf(request),
          signal: controller.signal,
        });
      }
      return new Response("not found", { status: 404 });
    };
    run()
      .then((response) => pipe(response, res))
      .catch((error: unknown) => {
        console.error("[sse server]", error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    server,
    url,
    memberUrl: (memberId) => `${url}/members/${memberId}/events`,
    visitorUrl: (publicId, token) => `${url}${visitorStreamPath(publicId, token)}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/**
 * The path of a visitor's stream with a ticket for `token`, as the widget gets one from
 * POST …/stream-ticket; a token that does not verify gets no ticket (the stream refuses it).
 */
export function visitorStreamPath(publicId: string, token: string): string {
  const visitorId = verifyVisitorToken(token, publicId);
  const ticket = visitorId ? signStreamTicket({ visitorId, publicId }).ticket : token;
  return `/widget/${publicId}/events?ticket=${encodeURIComponent(ticket)}`;
}
