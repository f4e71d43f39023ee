"use client";

import { useId, useState } from "react";
import { setNotificationPreferencesAction } from "@/app/(app)/[workspace]/notifications/actions";
import { useRunAction } from "@/components/forms/use-run-action";
import { Switch } from "@/components/ui/switch";
import type { NotificationScope } from "@/db/schema";
import type { NotificationPreferences } from "@/lib/notifications/schemas";

const scopes: { value: NotificationScope; label: string; hint: string }[] = [
  {
    value: "all",
    label: "All conversations",
    hint: "Every new conversation and customer message you can see.",
  },
  {
    value: "unassigned_and_mine",
    label: "Unassigned and mine",
    hint: "New conversations nobody owns yet, and messages in yours.",
  },
  { value: "mine", label: "Mine only", hint: "Only conversations assigned to you." },
];

/**
 * The member's own alerts. Each change saves at once. Desktop notifications ask the browser
 * for permission only when turned on, and say so when the browser refuses.
 */
export function NotificationPreferencesForm({
  slug,
  initial,
}: {
  slug: string;
  initial: NotificationPreferences;
}) {
  const [preferences, setPreferences] = useState(initial);
  const [permissionNote, setPermissionNote] = useState<string | null>(null);
  const { run, pending } = useRunAction();
  const id = useId();

  async function save(change: Partial<NotificationPreferences>) {
    const next = { ...preferences, ...change };
    setPreferences(next);
    const result = await run(() => setNotificationPreferencesAction({ workspace: slug, ...next }), {
      success: "Notification preferences saved.",
    });
    if (!result.ok) setPreferences(preferences);
  }

  async function toggleDesktop(on: boolean) {
    setPermissionNote(null);
    if (on) {
      if (typeof Notification === "undefined") {
        setPermissionNote("This browser does not support desktop notifications.");
        return;
      }
      const permission =
        Notification.permission === "default"
          ? await Notification.requestPermission()
          : Notification.permission;
      if (permission !== "granted") {
        setPermissionNote(
          "Your browser blocks notifications from this site. Allow them in the browser's site settings, then turn this on again.",
        );
        return;
      }
    }
    await save({ desktopNotifications: on });
  }

  const toggles: {
    key: "desktopNotifications" | "notificationSound" | "emailOnAssignment";
    label: string;
    hint: string;
    onChange: (on: boolean) => void;
  }[] = [
    {
      key: "desktopNotifications",
      label: "Desktop notifications",
      hint: "A system notification when this tab is in the background.",
      onChange: (on) => void toggleDesktop(on),
    },
    {
      key: "notificationSound",
      label: "Sound",
      hint: "A short chime with each alert.",
      onChange: (on) => void save({ notificationSound: on }),
    },
    {
      key: "emailOnAssignment",
      label: "Email me when a conversation is assigned to me",
      hint: "Sent to your sign-in address.",
      onChange: (on) => void save({ emailOnAssignment: on }),
    },
  ];

  return (
    <div className="space-y-6 rounded-xl border border-border bg-card p-6 shadow-sm">
      <div>
        <h2 className="font-semibold">Notifications</h2>
        <p className="text-muted-foreground text-sm">
          Assignments and mentions always reach your bell. Choose what else alerts you.
        </p>
      </div>
      <fieldset className="space-y-2" disabled={pending}>
        <legend className="mb-2 font-medium text-sm">Alert me about</legend>
        {scopes.map((scope) => (
          <label
            key={scope.value}
            className="flex cursor-pointer items-start gap-3 rounded-lg border border-border p-3 has-[:checked]:border-primary has-[:checked]:bg-primary/5"
          >
            <input
              type="radio"
              name={`${id}-scope`}
              value={scope.value}
              checked={preferences.notifyScope === scope.value}
              onChange={() => void save({ notifyScope: scope.value })}
              className="mt-1 accent-[var(--primary)]"
            />
            <span>
              <span className="block font-medium text-sm">{scope.label}</span>
              <span className="block text-muted-foreground text-sm">{scope.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="divide-y divide-border">
        {toggles.map((toggle) => (
          <div key={toggle.key} className="flex items-start justify-between gap-4 py-3">
            <div>
              <label htmlFor={`${id}-${toggle.key}`} className="font-medium text-sm">
                {toggle.label}
              </label>
              <p className="text-muted-foreground text-sm">{toggle.hint}</p>
              {toggle.key === "desktopNotifications" && permissionNote ? (
                <p role="alert" className="mt-1 text-destructive text-sm">
                  {permissionNote}
                </p>
              ) : null}
            </div>
            <Switch
              id={`${id}-${toggle.key}`}
              checked={preferences[toggle.key]}
              disabled={pending}
              onCheckedChange={toggle.onChange}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
