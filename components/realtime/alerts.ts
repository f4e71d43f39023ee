import type { NotificationScope } from "@/db/schema";
import type { ConversationChange } from "@/lib/realtime/events";

export interface AlertPreferences {
  notifyScope: NotificationScope;
  desktopNotifications: boolean;
  notificationSound: boolean;
}

/** Does a customer's message in this conversation alert this member, by their scope? */
export function inAlertScope(
  scope: NotificationScope,
  { assigneeId, memberId }: { assigneeId: string | null | undefined; memberId: string },
): boolean {
  if (scope === "all") return true;
  if (assigneeId === memberId) return true;
  return scope === "unassigned_and_mine" && !assigneeId;
}

/**
 * The alert a conversation's live change raises for this member, or null: only what the
 * customer wrote alerts (a member's reply or note, an AI agent's answer never does), and only
 * within the member's scope.
 */
export function customerAlert(
  change: ConversationChange,
  scope: NotificationScope,
  { assigneeId, memberId }: { assigneeId: string | null | undefined; memberId: string },
): string | null {
  if (change !== "created" && change !== "message") return null;
  if (!inAlertScope(scope, { assigneeId, memberId })) return null;
  return change === "created" ? "New conversation" : "New message";
}

let audio: AudioContext | null = null;

/** A short two-note chime, synthesised so no sound file is needed. */
export function playChime(): void {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.12, 1320],
    ] as const) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.15, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.25);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.3);
    }
  } catch {
    // Browsers may refuse audio before the first interaction; the bell still counts.
  }
}

/** A desktop notification, only when permitted and the tab is not in front. */
export function showDesktopNotification(title: string, body: string, href: string | null): void {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  if (document.visibilityState === "visible" && document.hasFocus()) return;
  const notification = new Notification(title, { body, tag: href ?? title });
  notification.onclick = () => {
    window.focus();
    if (href) window.location.assign(href);
    notification.close();
  };
}
