"use client";

import { useId, useOptimistic, useState } from "react";
import { updateRoutingAction } from "@/app/(app)/[workspace]/settings/routing/actions";
import { useRunAction } from "@/components/forms/use-run-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Switch } from "@/components/ui/switch";
import type { RoutingMode } from "@/db/schema";
import { cn } from "@/lib/utils";
import {
  modeLabels,
  plural,
  type RoutingSwitch,
  routingSwitches,
  workspaceModes,
} from "./routing-copy";

export type RoutingSettings = { routingMode: RoutingMode } & Record<RoutingSwitch, boolean>;

function modeChanged(mode: RoutingMode, routed: number): string {
  if (mode === "manual") return "Routing is manual: new conversations wait in Unassigned.";
  const on = `${modeLabels[mode]} routing is on.`;
  return routed > 0 ? `${on} ${plural(routed, "waiting conversation")} routed.` : on;
}

/** What switching to `mode` does, said before it is done. */
function modeSwitchText(mode: RoutingMode): string {
  return mode === "manual"
    ? "New conversations will wait in Unassigned until someone takes them. Conversations already assigned keep their assignee."
    : `Conversations waiting in Unassigned are routed at once to eligible members, and new ones are routed as they arrive. ${workspaceModes.find((m) => m.value === mode)?.hint ?? ""}`;
}

/**
 * Settings → Routing: the mode and the assignment switches. A switch applies at once; a mode
 * asks first — it can route every waiting conversation, and arrow keys move through the
 * radios one mode at a time.
 */
export function RoutingSettingsForm({
  workspace,
  settings,
  editable,
}: {
  workspace: string;
  settings: RoutingSettings;
  editable: boolean;
}) {
  const id = useId();
  const { run, pending } = useRunAction();
  const [current, setCurrent] = useOptimistic(settings);
  const [asked, setAsked] = useState<RoutingMode | null>(null);

  function update(patch: Partial<RoutingSettings>, success: (routed: number) => string) {
    void run(
      () => {
        setCurrent({ ...current, ...patch });
        return updateRoutingAction({ workspace, ...patch });
      },
      { success: (data) => success(data.routed) },
    );
  }

  return (
    <div className="space-y-6">
      <fieldset className="space-y-3" disabled={!editable}>
        <legend className="mb-3 font-medium text-sm">Routing mode</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {workspaceModes.map((mode) => {
            const checked = current.routingMode === mode.value;
            const inputId = `${id}-${mode.value}`;
            return (
              <label
                key={mode.value}
                htmlFor={inputId}
                className={cn(
                  "relative flex cursor-pointer gap-3 rounded-lg border border-border bg-background p-3 transition-colors hover:bg-accent/50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                  checked && "border-primary bg-primary/5 hover:bg-primary/5 dark:bg-primary/10",
                  !editable && "cursor-default hover:bg-background",
                )}
              >
                <input
                  id={inputId}
                  type="radio"
                  name={`${id}-mode`}
                  value={mode.value}
                  checked={checked}
                  disabled={!editable}
                  onChange={() => {
                    if (!pending) setAsked(mode.value);
                  }}
                  aria-describedby={`${inputId}-hint`}
                  className="mt-0.5 size-4 shrink-0 accent-primary"
                />
                <span className="min-w-0">
                  <span className="block font-medium text-sm">{mode.label}</span>
                  <span
                    id={`${inputId}-hint`}
                    className="mt-0.5 block text-muted-foreground text-xs"
                  >
                    {mode.hint}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>
      {asked ? (
        <ConfirmDialog
          open
          onOpenChange={(open) => {
            if (!open) setAsked(null);
          }}
          title={`Switch routing to ${modeLabels[asked]}?`}
          description={modeSwitchText(asked)}
          confirmLabel={`Use ${modeLabels[asked]}`}
          onConfirm={() => {
            const mode = asked;
            setAsked(null);
            update({ routingMode: mode }, (routed) => modeChanged(mode, routed));
          }}
        />
      ) : null}

      <ul className="divide-y divide-border rounded-lg border border-border">
        {routingSwitches.map((setting) => {
          const switchId = `${id}-${setting.key}`;
          const on = current[setting.key];
          return (
            <li key={setting.key} className="flex items-start justify-between gap-4 p-3 sm:px-4">
              <div className="min-w-0">
                <label htmlFor={switchId} className="font-medium text-sm">
                  {setting.label}
                </label>
                <p id={`${switchId}-hint`} className="mt-0.5 text-muted-foreground text-xs">
                  {setting.hint}
                </p>
              </div>
              <Switch
                id={switchId}
                checked={on}
                disabled={!editable || pending}
                aria-describedby={`${switchId}-hint`}
                onCheckedChange={(next) =>
                  update(
                    { [setting.key]: next },
                    () => `${setting.label} is ${next ? "on" : "off"}.`,
                  )
                }
                className="mt-0.5"
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
