import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { assignMember } from "@/lib/assignment/assign-conversation";
import { receiveInboundMessage } from "@/lib/conversations/receive-inbound-message";
import { sendMessage } from "@/lib/conversations/send-message";
import { removeMember } from "@/lib/members/end-membership";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { connectSse, type SseClient } from "../support/realtime-sse-client";
import { visitorStreamPath } from "../support/realtime-sse-server";
import {
  buildRealtimeWorld,
  newVisitor,
  type RealtimeWorld,
  viewerOf,
} from "../support/realtime-world";

/**
 * The built-in driver across two app instances on one PostgreSQL database: this process makes
 * the changes (its own pool), a child process (tests/support/realtime-child.ts, its own pool
 * and hub) serves the streams — every event reaches the other instance's clients through
 * LISTEN/NOTIFY and the event table, as behind a load balancer.
 */

const databaseUrl = inject("databaseUrl");
const root = path.resolve(import.meta.dirname, "../..");

let child: ChildProcess | null = null;
let childUrl = "";
let world: RealtimeWorld;
const streams: SseClient[] = [];

function startChild(url: string): Promise<{ process: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // tsx straight from node_modules (npx would add a process between us and the instance).
    const started = spawn(
      path.join(root, "node_modules/.bin/tsx"),
      ["--conditions=react-server", "tests/support/realtime-child.ts"],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url, DATABASE_POOL_SIZE: "4" },
        stdio: ["pipe", "pipe", "inherit"],
      },
    );
    let output = "";
    const timer = setTimeout(() => reject(new Error("the second instance did not start")), 30_000);
    started.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((candidate) => candidate.startsWith("{"));
      if (!line) return;
      clearTimeout(timer);
      resolve({ process: started, url: (JSON.parse(line) as { url: string }).url });
    });
    started.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the second instance exited with ${code}`));
    });
  });
}

async function open(url: string, lastEventId?: string | null) {
  const stream = await connectSse(url, { lastEventId });
  streams.push(stream);
  return stream;
}

const memberUrl = (memberId: string) => `${childUrl}/members/${memberId}/events`;

const changesOf = (stream: SseClient, conversationId: string) =>
  stream
    .events<RealtimeEvent>()
    .filter(
      (entry) =>
        entry.event.type === "conversation.changed" &&
        entry.event.conversationId === conversationId,
    );

describe.skipIf(databaseUrl === null)(
  "built-in driver across two processes on one PostgreSQL database (PGlite is one process's database: skipped there)",
  () => {
    beforeAll(async () => {
      if (!databaseUrl) return;
      const started = await startChild(databaseUrl);
      child = started.process;
      childUrl = started.url;
      world = await buildRealtimeWorld({ label: "Two" });
    }, 60_000);

    afterAll(async () => {
      for (const stream of streams) stream.close();
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child?.once("exit", resolve));
        child.stdin?.end();
        child.kill("SIGTERM");
        await exited;
      }
    });

    it("an event committed in this process reaches a client of the other, only if it may see it", async () => {
      const sales = await open(memberUrl(world.people.sales.member.id));
      const support = await open(memberUrl(world.people.support.member.id));
      const admin = await open(memberUrl(world.people.admin.member.id));
      const { conversation } = await receiveInboundMessage(world.db, {
        workspaceId: world.workspaceId,
        channel: "api",
        handle: `two-${randomBytes(4).toString("hex")}`,
        body: "Hello from the other instance",
        teamId: world.teams.sales,
      });
      await sales.waitFor(() => changesOf(sales, conversation.id).length > 0);
      await admin.waitFor(() => changesOf(admin, conversation.id).length > 0);
      expect(changesOf(sales, conversation.id)[0]?.event).toMatchObject({
        type: "conversation.changed",
        change: "created",
      });

      await assignMember(world.db, {
        viewer: await viewerOf(world, "admin"),
        conversationId: conversation.id,
        memberId: world.people.sales.member.id,
      });
      await sales.waitFor(() =>
        sales
          .events<RealtimeEvent>()
          .find(
            (entry) =>
              entry.event.type === "notification.created" &&
              entry.event.conversationId === conversation.id,
          ),
      );
      expect(changesOf(support, conversation.id)).toEqual([]);
    });

    it("a client reconnecting with Last-Event-ID gets what it missed from the other instance", async () => {
      const { conversation } = await receiveInboundMessage(world.db, {
        workspaceId: world.workspaceId,
        channel: "api",
        handle: `resume-${randomBytes(4).toString("hex")}`,
        body: "Hi",
        teamId: world.teams.support,
      });
      const messagesOf = (stream: SseClient) =>
        changesOf(stream, conversation.id).filter(
          (entry) => entry.event.type === "conversation.changed" && entry.event.change === "reply",
        );
      const first = await open(memberUrl(world.people.support.member.id));
      const admin = await viewerOf(world, "admin");
      const note = (body: string) =>
        sendMessage(world.db, { viewer: admin, conversationId: conversation.id, body, note: true });
      await note("Before the drop");
      await first.waitFor(() => messagesOf(first).length === 1);
      const lastSeen = first.lastEventId();
      first.close();
      await first.ended;

      await note("Missed one");
      await note("Missed two");
      const resumed = await open(memberUrl(world.people.support.member.id), lastSeen);
      const missed = () =>
        messagesOf(resumed).filter((entry) => Number(entry.id) > Number(lastSeen));
      await resumed.waitFor(() => missed().length >= 2);
      expect(missed()).toHaveLength(2);
    });

    it("a web chat visitor connected to the other instance gets the reply", async () => {
      const visitor = newVisitor(world);
      const { conversation } = await receiveInboundMessage(world.db, {
        workspaceId: world.workspaceId,
        channel: "web_chat",
        handle: visitor.visitorId,
        body: "Anyone?",
      });
      const stream = await open(`${childUrl}${visitorStreamPath(world.publicId, visitor.token)}`);
      const reply = await sendMessage(world.db, {
        viewer: await viewerOf(world, "admin"),
        conversationId: conversation.id,
        body: "Yes, hello!",
        note: false,
      });
      const got = await stream.waitFor(() => stream.events<RealtimeEvent>()[0]?.event);
      expect(got).toMatchObject({ type: "widget.message", message: { id: reply.id } });
    });

    it("a member removed in this process is cut off in the other: `event: revoked`, then the stream closes", async () => {
      const stream = await open(memberUrl(world.people.free.member.id));
      await removeMember(world.db, {
        workspaceId: world.workspaceId,
        memberId: world.people.free.member.id,
        actorMemberId: world.people.admin.member.id,
      });
      await stream.ended;
      expect(stream.frames.at(-1)).toMatchObject({ event: "revoked" });
      const again = await open(memberUrl(world.people.free.member.id));
      expect(again.status).toBe(404);
    });
  },
);
