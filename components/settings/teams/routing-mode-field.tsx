"use client";

import { useId, useOptimistic, useState } from "react";
import { setTeamRoutingAction } from "@/app/(app)/[workspace]/settings/teams/actions";
import { useRunAction } from "@/components/forms/use-run-action";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { RoutingMode, TeamRoutingMode } from "@/db/schema";
import {
  isTeamRoutingMode,
  routingModeHint,
  routingModeLabels,
  routingModeOptions,
} from "./routing-modes";

export const selectClassName =
  "h-9 w-full rounded-md border border-input bg-background px-3 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-60 sm:w-56 dark:bg-input/20";

export function RoutingModeField({
  workspace,
  team,
  workspaceMode,
  editable,
}: {
  workspace: string;
  team: { id: string; name: string; routingMode: TeamRoutingMode };
  workspaceMode: RoutingMode;
  editable: boolean;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const { run, pending } = useRunAction();
  // Shows the choice at once; falls back to the server's value if the change is refused.
  const [mode, setMode] = useOptimistic(team.routingMode);

  // A change asks first: it may route the team's waiting conversations at once, and arrow
  // keys on a closed select step through the modes one change event at a time.
  const [asked, setAsked] = useState<TeamRoutingMode | null>(null);

  function change(event: React.ChangeEvent<HTMLSelectElement>) {
    const next = event.target.value;
    if (!isTeamRoutingMode(next) || next === mode || pending) return;
    setAsked(next);
  }

  function apply(next: TeamRoutingMode) {
    void run(
      () => {
        setMode(next);
        return setTeamRoutingAction({ workspace, teamId: team.id, routingMode: next });
      },
      { success: () => `Routing for ${team.name}: ${routingModeLabels[next]}.` },
    );
  }

  return (
    <div className="grid gap-1.5">
      <label htmlFor={id} className="font-medium text-sm">
        Routing
      </label>
      {editable ? (
        <select
          id={id}
          value={mode}
          onChange={change}
          aria-describedby={hintId}
          className={selectClassName}
        >
          {routingModeOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <output id={id} aria-describedby={hintId} className="text-sm">
          {routingModeLabels[mode]}
        </output>
      )}
      <p id={hintId} className="text-muted-foreground text-xs">
        {routingModeHint(mode, workspaceMode)}
      </p>
      {asked ? (
        <ConfirmDialog
          open
          onOpenChange={(open) => {
            if (!open) setAsked(null);
          }}
          title={`Route ${team.name}: ${routingModeLabels[asked]}?`}
          description={`${routingModeHint(asked, workspaceMode)} Conversations of ${team.name} waiting in Unassigned follow the new mode at once.`}
          confirmLabel="Change routing"
          onConfirm={() => {
            setAsked(null);
            apply(asked);
          }}
        />
      ) : null}
    </div>
  );
}
