import {
  type AssignmentsPerDay,
  type BusiestHourCell,
  type FirstResponsePoint,
  type OpenLoadBar,
  weekdayNames,
} from "@/lib/reports/report-types";
import type { ChartTable } from "./chart-figure";
import { otherSeriesColor, SERIES_SHOWN, seriesColor } from "./chart-theme";
import { formatDay, formatDuration } from "./format";

// What the charts draw and the tables behind them list: the same rows, shaped once.

export interface StackedSeries {
  /** A data key safe for Recharts (member ids hold dashes, names anything). */
  key: string;
  name: string;
  color: string;
  counts: number[];
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The members with the most assignments, one series each, and the rest summed as "Others". */
export function stackedSeries(data: AssignmentsPerDay): StackedSeries[] {
  const ranked = data.series
    .map((series) => ({ ...series, total: sum(series.counts) }))
    .filter((series) => series.total > 0)
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  const shown: StackedSeries[] = ranked.slice(0, SERIES_SHOWN).map((series, index) => ({
    key: `s${index}`,
    name: series.name,
    color: seriesColor(index),
    counts: series.counts,
  }));
  const rest = ranked.slice(SERIES_SHOWN);
  if (rest.length > 0) {
    shown.push({
      key: "others",
      name: `Others (${rest.length})`,
      color: otherSeriesColor,
      counts: data.days.map((_, day) => sum(rest.map((series) => series.counts[day] ?? 0))),
    });
  }
  return shown;
}

export function stackedTable(days: string[], series: StackedSeries[]): ChartTable {
  return {
    columns: ["Day", ...series.map((s) => s.name), "Total"],
    rows: days.map((day, index) => {
      const counts = series.map((s) => s.counts[index] ?? 0);
      return { key: day, head: formatDay(day), cells: [...counts, sum(counts)] };
    }),
  };
}

/** The fullest bars first: a long team stays readable, the table lists everyone. */
export const OPEN_LOAD_SHOWN = 20;

export function openLoadBars(bars: OpenLoadBar[]): OpenLoadBar[] {
  return [...bars]
    .sort((a, b) => b.open - a.open || a.name.localeCompare(b.name))
    .slice(0, OPEN_LOAD_SHOWN);
}

export function openLoadTable(bars: OpenLoadBar[]): ChartTable {
  return {
    columns: ["Member", "Open now", "Capacity"],
    rows: bars.map((bar) => ({
      key: bar.memberId,
      head: bar.name,
      cells: [bar.open, bar.capacity ?? "No limit"],
    })),
  };
}

/** Monday first, as a working week reads. */
export const weekdayOrder = [1, 2, 3, 4, 5, 6, 0] as const;
export const hourLabel = (hour: number) => `${String(hour).padStart(2, "0")}:00`;

/** cells[weekday][hour], whatever order the cells came in. */
export function heatGrid(cells: BusiestHourCell[]): number[][] {
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const cell of cells) {
    const row = grid[cell.weekday];
    if (row && cell.hour >= 0 && cell.hour < 24) row[cell.hour] = cell.inbound;
  }
  return grid;
}

export function busiestHoursTable(grid: number[][]): ChartTable {
  return {
    columns: ["Day", ...Array.from({ length: 24 }, (_, hour) => hourLabel(hour))],
    rows: weekdayOrder.map((weekday) => ({
      key: String(weekday),
      head: weekdayNames[weekday] ?? "",
      cells: grid[weekday] ?? [],
    })),
  };
}

export function firstResponseTable(points: FirstResponsePoint[]): ChartTable {
  return {
    columns: ["Day", "Median first response", "Answered assignments"],
    rows: points.map((point) => ({
      key: point.day,
      head: formatDay(point.day),
      cells: [formatDuration(point.medianSeconds), point.answered],
    })),
  };
}
