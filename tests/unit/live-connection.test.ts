import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { connectLive, type LiveStatus } from "@/lib/realtime/client/live-connection";
import type { RealtimeEvent } from "@/lib/realtime/events";

/**
 * The browser's EventSource, as far as the live connection uses it: the test plays the
 * server's side (opens, frames with ids, an HTTP error that closes the source for good).
 */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static made: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((message: { data: string; lastEventId: string }) => void) | null = null;
  private listeners = new Map<string, () => void>();
  constructor(readonly url: string) {
    FakeEventSource.made.push(this);
  }
  addEventListener(type: string, listener: () => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  send(id: string, event: object) {
    this.onmessage?.({ data: JSON.stringify(event), lastEventId: id });
  }
  /** What EventSource does on a 502 or 500: it closes and stops retrying by itself. */
  failForGood() {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }
}

const notification = (title: string) =>
  ({
    type: "notification.created",
    kind: "conversation_assigned",
    title,
    conversationId: null,
  }) as unknown as RealtimeEvent;

describe("the built-in live connection of a member", () => {
  beforeEach(() => {
    FakeEventSource.made = [];
    vi.stubGlobal("EventSource", FakeEventSource);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function connect() {
    const events: RealtimeEvent[] = [];
    const statuses: LiveStatus[] = [];
    let reconnects = 0;
    let revoked = 0;
    const close = connectLive(
      { driver: "builtin" },
      { kind: "member", workspace: "acme", memberId: "m1" },
      {
        onEvent: (event) => events.push(event),
        onStatus: (status) => statuses.push(status),
        onReconnect: () => {
          reconnects += 1;
        },
        onRevoked: () => {
          revoked += 1;
        },
      },
    );
    return { events, statuses, reconnects: () => reconnects, revoked: () => revoked, close };
  }

  it("opens a new stream after an HTTP error closed the old one, and refetches then", () => {
    const live = connect();
    const first = FakeEventSource.made[0];
    first?.open();
    first?.failForGood();
    expect(live.statuses.at(-1)).toBe("down");
    expect(FakeEventSource.made).toHaveLength(1);
    // The first pause is under a second (jittered), the next ones grow.
    vi.advanceTimersByTime(1_000);
    expect(FakeEventSource.made).toHaveLength(2);
    FakeEventSource.made[1]?.failForGood();
    vi.advanceTimersByTime(2_000);
    expect(FakeEventSource.made).toHaveLength(3);
    FakeEventSource.made[2]?.open();
    expect(live.statuses.at(-1)).toBe("live");
    expect(live.reconnects()).toBe(1);
    // Closed by the page: no stream comes back.
    live.close();
    FakeEventSource.made[2]?.failForGood();
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.made).toHaveLength(3);
  });

  it("handles an event replayed after a reconnect once, so it alerts once", () => {
    const live = connect();
    const first = FakeEventSource.made[0];
    first?.open();
    first?.send("41", notification("A conversation was assigned to you"));
    first?.failForGood();
    vi.advanceTimersByTime(1_000);
    const second = FakeEventSource.made[1];
    second?.open();
    // The replay starts a little before the last id the client had.
    second?.send("41", notification("A conversation was assigned to you"));
    second?.send("42", notification("You were mentioned in a note"));
    expect(live.events).toHaveLength(2);
  });

  it("stops retrying once the stream answers 404 (removed, signed out), but keeps at it on a 502", async () => {
    let status = 502;
    const asked: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      asked.push(url);
      return new Response(null, { status });
    });
    const live = connect();
    for (let i = 0; i < 3; i++) {
      FakeEventSource.made.at(-1)?.failForGood();
      await vi.advanceTimersByTimeAsync(8_000);
    }
    // Three failures: the URL was asked, answered 502, and a fourth source opened.
    expect(asked).toEqual(["/api/workspaces/acme/realtime"]);
    expect(FakeEventSource.made).toHaveLength(4);
    expect(live.revoked()).toBe(0);
    status = 404;
    FakeEventSource.made.at(-1)?.failForGood();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(live.revoked()).toBe(1);
    expect(FakeEventSource.made).toHaveLength(4);
  });
});
