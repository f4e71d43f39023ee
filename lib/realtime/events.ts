/**
 * What travels over live updates. Events carry ids and the little a list needs, never message
 * bodies for members (clients refetch through the same permission-checked queries); widget
 * events carry the reply itself, since the visitor may read it.
 */
/**
 * `created` and `message`: the customer wrote (a new conversation, a message on one) — what
 * alerts members. `reply`: a member's reply or note, or an AI agent's answer — lists move,
 * nobody is alerted.
 */
export type ConversationChange = "created" | "message" | "reply" | "assignment" | "status" | "read";

export type RealtimeEvent =
  | {
      type: "conversation.changed";
      conversationId: string;
      change: ConversationChange;
      /** The owner after the change, so clients can apply the member's alert scope. */
      assigneeId?: string | null;
    }
  | {
      type: "notification.created";
      notificationId: string;
      kind: string;
      title: string;
      conversationId: string | null;
    }
  | {
      type: "presence";
      conversationId: string;
      memberId: string;
      name: string;
      viewing: boolean;
      typing: boolean;
    }
  /** An AI agent is writing an answer in this conversation (or stopped). */
  | { type: "agent.typing"; conversationId: string; agentName: string; typing: boolean }
  /** The member read notifications elsewhere: bells refetch. */
  | { type: "notifications.read" }
  /** The member's role, teams or membership changed: refetch everything, or stop if removed. */
  | { type: "access.changed" }
  | {
      type: "widget.message";
      conversationId: string;
      /** The reply as the widget lists it (lib/channels/widget/list-visitor-messages.ts). */
      message: {
        id: string;
        from: "team";
        body: string;
        createdAt: string;
        authorName: string | null;
      };
    }
  | { type: "widget.typing"; conversationId: string; name: string; typing: boolean };

export type RealtimeEventType = RealtimeEvent["type"];

/** One delivered event: the id lets a reconnecting client resume (and dedupe replays). */
export interface Envelope {
  id: number;
  event: RealtimeEvent;
}

/** Ownership at one moment; a conversation event reaches whoever could see it before or after. */
export interface OwnershipState {
  assigneeId: string | null;
  teamId: string | null;
}

/** Who may receive an event. Decided when it is delivered, from the database's state then. */
export type Audience =
  | { kind: "conversation"; conversationId: string; states: OwnershipState[] }
  | { kind: "members"; memberIds: string[] }
  | { kind: "workspace" }
  | { kind: "visitor"; publicId: string; visitorId: string };

/** A member's own channel: everything they may see reaches them here and only here. */
export const memberChannel = (memberId: string) => `private-member-${memberId}`;

/** A web chat visitor's channel, authorised by their signed visitor token. */
export const visitorChannel = (publicId: string, visitorId: string) =>
  `private-visitor-${publicId}.${visitorId}`;

/** Who is viewing a conversation (Pusher presence channel). */
export const conversationPresenceChannel = (conversationId: string) =>
  `presence-conversation-${conversationId}`;

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const MEMBER = new RegExp(`^private-member-(${UUID})$`);
const VISITOR = /^private-visitor-([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{22,64})$/;
const PRESENCE = new RegExp(`^presence-conversation-(${UUID})$`);

export type ParsedChannel =
  | { kind: "member"; memberId: string }
  | { kind: "visitor"; publicId: string; visitorId: string }
  | { kind: "presence"; conversationId: string };

export function parseChannel(channel: string): ParsedChannel | null {
  const member = MEMBER.exec(channel);
  if (member?.[1]) return { kind: "member", memberId: member[1] };
  const visitor = VISITOR.exec(channel);
  if (visitor?.[1] && visitor[2])
    return { kind: "visitor", publicId: visitor[1], visitorId: visitor[2] };
  const presence = PRESENCE.exec(channel);
  if (presence?.[1]) return { kind: "presence", conversationId: presence[1] };
  return null;
}
