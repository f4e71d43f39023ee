/** Who else is viewing or typing in each conversation, as presence events report it. */
export interface PresentMember {
  memberId: string;
  name: string;
  typing: boolean;
}

interface Entry extends PresentMember {
  seenAt: number;
  typingAt: number;
}

/** A viewer who stops repeating their presence is forgotten after this long. */
export const VIEWING_TTL_MS = 30_000;
/** "Typing" fades this long after the last keystroke signal. */
export const TYPING_TTL_MS = 6_000;

export class PresenceStore {
  private readonly byConversation = new Map<string, Map<string, Entry>>();
  /** AI agents writing an answer: conversation → agent name → when it last said so. */
  private readonly agentsTyping = new Map<string, Map<string, number>>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  update(
    conversationId: string,
    change: { memberId: string; name: string; viewing: boolean; typing: boolean },
    now = Date.now(),
  ): void {
    const members = this.byConversation.get(conversationId) ?? new Map<string, Entry>();
    if (!change.viewing) members.delete(change.memberId);
    else {
      const previous = members.get(change.memberId);
      members.set(change.memberId, {
        memberId: change.memberId,
        name: change.name,
        typing: change.typing,
        seenAt: now,
        typingAt: change.typing ? now : (previous?.typingAt ?? 0),
      });
    }
    this.byConversation.set(conversationId, members);
    this.changed();
  }

  /** Present members of a conversation, except `self`; expired ones are left out. */
  present(conversationId: string, self: string, now = Date.now()): PresentMember[] {
    const members = this.byConversation.get(conversationId);
    if (!members) return [];
    return [...members.values()]
      .filter((entry) => entry.memberId !== self && now - entry.seenAt < VIEWING_TTL_MS)
      .map((entry) => ({
        memberId: entry.memberId,
        name: entry.name,
        typing: entry.typing && now - entry.typingAt < TYPING_TTL_MS,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** An AI agent started (or repeats) or stopped writing an answer in a conversation. */
  agentTyping(
    conversationId: string,
    change: { agentName: string; typing: boolean },
    now = Date.now(),
  ): void {
    const agents = this.agentsTyping.get(conversationId) ?? new Map<string, number>();
    if (change.typing) agents.set(change.agentName, now);
    else agents.delete(change.agentName);
    if (agents.size > 0) this.agentsTyping.set(conversationId, agents);
    else this.agentsTyping.delete(conversationId);
    this.changed();
  }

  /** The agent's answer arrived: it is no longer typing, whether or not its "stop" did. */
  agentAnswered(conversationId: string, agentName: string): void {
    if (!this.agentsTyping.get(conversationId)?.has(agentName)) return;
    this.agentTyping(conversationId, { agentName, typing: false });
  }

  /** Names of the AI agents typing in a conversation; a silent one is dropped after the TTL. */
  typingAgents(conversationId: string, now = Date.now()): string[] {
    const agents = this.agentsTyping.get(conversationId);
    if (!agents) return [];
    return [...agents.entries()]
      .filter(([, at]) => now - at < TYPING_TTL_MS)
      .map(([name]) => name)
      .sort((a, b) => a.localeCompare(b));
  }

  /** Drops everything (after a reconnect presence is rebuilt from fresh signals). */
  clear(): void {
    this.byConversation.clear();
    this.agentsTyping.clear();
    this.changed();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  snapshot = () => this.version;

  /** Expiry is time-based: listeners re-read on a tick. */
  tick(): void {
    this.changed();
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
