import { weekdayNames } from "@/lib/reports/report-types";
import { hourLabel, weekdayOrder } from "./chart-data";

const hours = Array.from({ length: 24 }, (_, hour) => hour);

/** The cell's shade: the share of the busiest hour, in the theme's primary colour. */
function shade(count: number, max: number): string {
  if (count === 0 || max === 0) return "var(--muted)";
  const strength = 15 + Math.round((count / max) * 85);
  return `color-mix(in oklab, var(--primary) ${strength}%, var(--card))`;
}

/** Customers' messages by weekday (rows) and hour (columns), a CSS grid. */
export function BusiestHoursHeatmap({ grid, summary }: { grid: number[][]; summary: string }) {
  const max = Math.max(0, ...grid.flat());
  return (
    <div className="overflow-x-auto">
      <div role="img" aria-label={summary} className="min-w-[19rem] space-y-1">
        <div
          className="grid grid-cols-[2rem_repeat(24,minmax(0,1fr))] sm:grid-cols-[2.5rem_repeat(24,minmax(0,1fr))] gap-0.5"
          aria-hidden="true"
        >
          <span />
          {hours.map((hour) => (
            <span key={hour} className="text-center text-[10px] text-muted-foreground tabular-nums">
              {hour % 3 === 0 ? String(hour).padStart(2, "0") : ""}
            </span>
          ))}
          {weekdayOrder.map((weekday) => (
            <Row key={weekday} weekday={weekday} counts={grid[weekday] ?? []} max={max} />
          ))}
        </div>
        <div
          className="flex items-center justify-end gap-1.5 pt-1 text-[11px] text-muted-foreground"
          aria-hidden="true"
        >
          <span>Fewer</span>
          {[0, 0.25, 0.5, 0.75, 1].map((step) => (
            <span
              key={step}
              className="size-3 rounded-[3px]"
              style={{
                background: shade(step === 0 ? 0 : step * Math.max(max, 1), Math.max(max, 1)),
              }}
            />
          ))}
          <span>More</span>
        </div>
      </div>
    </div>
  );
}

function Row({ weekday, counts, max }: { weekday: number; counts: number[]; max: number }) {
  const name = weekdayNames[weekday] ?? "";
  return (
    <>
      <span className="self-center text-[11px] text-muted-foreground">{name.slice(0, 3)}</span>
      {hours.map((hour) => {
        const count = counts[hour] ?? 0;
        return (
          <span
            key={hour}
            title={`${name} ${hourLabel(hour)}: ${count} ${count === 1 ? "message" : "messages"}`}
            className="aspect-square rounded-[2px] sm:rounded-[3px]"
            style={{ background: shade(count, max) }}
          />
        );
      })}
    </>
  );
}
