"use client";

import { Globe } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { channelLabels } from "@/components/inbox/channel";
import { selectClassName } from "@/components/settings/teams/routing-mode-field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Spinner } from "@/components/ui/spinner";
import type { Channel } from "@/db/schema";
import { type RangePreset, reportFiltersSchema } from "@/lib/reports/report-query";
import { cn } from "@/lib/utils";
import { type FilterValue, filterParams } from "./filter-params";
import { useReportNavigation } from "./report-navigation";

const presets: { value: RangePreset; label: string }[] = [
  { value: "today", label: "Today" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "custom", label: "Custom" },
];

/**
 * Range (a segmented control of radio buttons: arrow keys move between them), custom days,
 * team and channel. Each change replaces the URL; the page reads the filters from it.
 */
export function ReportFilters({
  value,
  teams,
  timeZone,
  settingsHref,
}: {
  value: FilterValue;
  teams: { id: string; name: string }[];
  timeZone: string;
  /** Where an Admin changes the time zone; null for those who cannot. */
  settingsHref: string | null;
}) {
  const { pending, replace } = useReportNavigation();
  const [range, setRange] = useState<RangePreset>(value.range);
  const [from, setFrom] = useState(value.from);
  const [to, setTo] = useState(value.to);
  const [customError, setCustomError] = useState<string | null>(null);
  const id = useId();

  const apply = (next: Partial<FilterValue>) => replace(filterParams({ ...value, ...next }));

  const chooseRange = (preset: RangePreset) => {
    setRange(preset);
    setCustomError(null);
    if (preset !== "custom") apply({ range: preset });
  };

  const applyCustom = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = reportFiltersSchema.safeParse({ range: "custom", from, to });
    if (!parsed.success) {
      setCustomError(parsed.error.issues[0]?.message ?? "Check the days.");
      return;
    }
    setCustomError(null);
    apply({ range: "custom", from, to });
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
        <fieldset className="min-w-0">
          <legend className="mb-2 font-medium text-sm leading-none">Date range</legend>
          <div className="inline-flex max-w-full flex-wrap rounded-md border bg-muted/50 p-0.5">
            {presets.map((preset) => (
              <label key={preset.value} className="relative">
                <input
                  type="radio"
                  name={`${id}-range`}
                  value={preset.value}
                  checked={range === preset.value}
                  onChange={() => chooseRange(preset.value)}
                  className="peer sr-only"
                />
                <span
                  className={cn(
                    "inline-flex h-[1.875rem] cursor-pointer select-none items-center rounded-[5px] px-2 sm:px-3 text-muted-foreground text-sm transition-colors hover:text-foreground",
                    "peer-checked:bg-background peer-checked:font-medium peer-checked:text-foreground peer-checked:shadow-xs dark:peer-checked:bg-input/40",
                    "peer-focus-visible:ring-2 peer-focus-visible:ring-ring",
                  )}
                >
                  {preset.label}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid w-full gap-2 sm:w-auto">
          <Label htmlFor={`${id}-team`}>Team</Label>
          <select
            id={`${id}-team`}
            value={value.team ?? ""}
            onChange={(event) => apply({ team: event.target.value || null })}
            className={cn(selectClassName, "sm:w-48")}
          >
            <option value="">All teams</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
        <div className="grid w-full gap-2 sm:w-auto">
          <Label htmlFor={`${id}-channel`}>Channel</Label>
          <select
            id={`${id}-channel`}
            value={value.channel ?? ""}
            onChange={(event) => apply({ channel: (event.target.value || null) as Channel | null })}
            className={cn(selectClassName, "sm:w-48")}
          >
            <option value="">All channels</option>
            {(Object.keys(channelLabels) as Channel[]).map((channel) => (
              <option key={channel} value={channel}>
                {channelLabels[channel]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {range === "custom" ? (
        <form
          onSubmit={applyCustom}
          noValidate
          aria-label="Custom range"
          className="flex flex-wrap items-end gap-3"
        >
          <div className="grid gap-2">
            <Label htmlFor={`${id}-from`}>First day</Label>
            <Input
              id={`${id}-from`}
              type="date"
              value={from}
              max={to || undefined}
              onChange={(event) => setFrom(event.target.value)}
              aria-invalid={customError ? true : undefined}
              aria-describedby={customError ? `${id}-custom-error` : undefined}
              className="w-40"
              required
            />
          </div>
          <div className="grid gap-2">
            <Label htmlFor={`${id}-to`}>Last day</Label>
            <Input
              id={`${id}-to`}
              type="date"
              value={to}
              min={from || undefined}
              onChange={(event) => setTo(event.target.value)}
              aria-invalid={customError ? true : undefined}
              aria-describedby={customError ? `${id}-custom-error` : undefined}
              className="w-40"
              required
            />
          </div>
          <Button type="submit" variant="secondary">
            Apply
          </Button>
          {customError ? (
            <p
              id={`${id}-custom-error`}
              role="alert"
              className="basis-full font-medium text-destructive text-xs"
            >
              {customError}
            </p>
          ) : null}
        </form>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 text-muted-foreground text-xs">
        <p className="flex items-center gap-1.5">
          <Globe aria-hidden="true" className="size-3.5 shrink-0" />
          <span>
            Days in {timeZone}
            {settingsHref ? (
              <>
                {" — "}
                <Link href={settingsHref} className="text-link underline-offset-4 hover:underline">
                  change in Settings
                </Link>
              </>
            ) : (
              " — an Admin can change it in Settings"
            )}
          </span>
        </p>
        <p aria-live="polite" className="flex items-center gap-1.5">
          {pending ? (
            <>
              <Spinner size="sm" label={false} />
              Updating…
            </>
          ) : null}
        </p>
      </div>
    </div>
  );
}
