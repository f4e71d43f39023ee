"use client";

import { agentAvatars } from "@/lib/agents/schemas";
import { cn } from "@/lib/utils";

/**
 * The agent's emoji as a radio group: arrow keys move between choices, as in any native radio
 * group. An avatar set outside the offered ones stays selectable.
 */
export function AvatarPicker({
  name,
  value,
  onChange,
  labelledBy,
  disabled,
}: {
  name: string;
  value: string;
  onChange: (emoji: string) => void;
  labelledBy: string;
  disabled?: boolean;
}) {
  const choices = agentAvatars.some((choice) => choice.emoji === value)
    ? agentAvatars
    : [{ emoji: value, label: "Current avatar" }, ...agentAvatars];
  return (
    <div role="radiogroup" aria-labelledby={labelledBy} className="grid w-fit grid-cols-6 gap-1.5">
      {choices.map((choice) => (
        <label
          key={choice.emoji}
          title={choice.label}
          className={cn(
            "relative inline-flex size-10 cursor-pointer items-center justify-center rounded-md border border-input bg-background text-xl transition-colors hover:bg-accent dark:bg-input/20",
            "has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring has-[:focus-visible]:ring-offset-2 has-[:focus-visible]:ring-offset-background",
            "has-[:checked]:border-primary has-[:checked]:bg-primary/10 has-[:checked]:ring-1 has-[:checked]:ring-primary",
            disabled && "cursor-not-allowed opacity-50",
          )}
        >
          <input
            type="radio"
            name={name}
            value={choice.emoji}
            checked={value === choice.emoji}
            onChange={() => onChange(choice.emoji)}
            disabled={disabled}
            aria-label={choice.label}
            // Covers the tile, invisibly: a click anywhere on it picks the emoji.
            className="absolute inset-0 cursor-pointer appearance-none rounded-md opacity-0 disabled:cursor-not-allowed"
          />
          <span aria-hidden="true" className="pointer-events-none">
            {choice.emoji}
          </span>
        </label>
      ))}
    </div>
  );
}
