"use client";

import { Check } from "lucide-react";
import { useState } from "react";
import { changePlanAction } from "@/app/(app)/[workspace]/settings/plan/actions";
import { useRunAction } from "@/components/forms/use-run-action";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

export interface PlanOption {
  id: "starter" | "team" | "business";
  label: string;
  seats: string;
  blurb: string;
}

export function PlanPicker({
  workspace,
  current,
  options,
}: {
  workspace: string;
  current: PlanOption["id"];
  options: PlanOption[];
}) {
  const { run, pending } = useRunAction();
  const [busy, setBusy] = useState<string | null>(null);
  return (
    <ul aria-label="Plans" className="grid gap-3 sm:grid-cols-3">
      {options.map((option) => {
        const active = option.id === current;
        return (
          <li
            key={option.id}
            className={cn(
              "flex flex-col rounded-xl border border-border bg-card p-5 shadow-sm",
              active && "border-primary ring-1 ring-primary",
            )}
          >
            <h3 className="font-semibold">{option.label}</h3>
            <p className="mt-1 text-2xl font-semibold tracking-tight">{option.seats}</p>
            <p className="mt-2 flex-1 text-sm text-muted-foreground">{option.blurb}</p>
            {active ? (
              <p className="mt-4 flex h-9 items-center gap-1.5 text-sm font-medium text-primary dark:text-indigo-300">
                <Check className="size-4" aria-hidden /> Current plan
              </p>
            ) : (
              <Button
                className="mt-4"
                variant="outline"
                loading={pending && busy === option.id}
                disabled={pending}
                onClick={() => {
                  setBusy(option.id);
                  run(() => changePlanAction({ workspace, plan: option.id }), {
                    success: `You are now on the ${option.label} plan.`,
                    onDone: () => setBusy(null),
                  });
                }}
              >
                Switch to {option.label}
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
