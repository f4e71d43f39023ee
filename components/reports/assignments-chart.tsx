"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { StackedSeries } from "./chart-data";
import {
  axisTick,
  chartColors,
  tooltipCursor,
  tooltipLabelStyle,
  tooltipStyle,
} from "./chart-theme";
import { formatDay } from "./format";

/** Conversations assigned per day, stacked by assignee. */
export default function AssignmentsChart({
  days,
  series,
  label,
}: {
  days: string[];
  series: StackedSeries[];
  label: string;
}) {
  const data = days.map((day, index) => {
    const row: Record<string, string | number> = { day };
    for (const s of series) row[s.key] = s.counts[index] ?? 0;
    return row;
  });
  return (
    <ResponsiveContainer width="100%" height={300} initialDimension={{ width: 600, height: 300 }}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} title={label}>
        <CartesianGrid vertical={false} stroke={chartColors.grid} />
        <XAxis
          dataKey="day"
          tickFormatter={formatDay}
          tick={axisTick}
          tickLine={false}
          axisLine={{ stroke: chartColors.grid }}
          minTickGap={16}
        />
        <YAxis allowDecimals={false} tick={axisTick} tickLine={false} axisLine={false} />
        <Tooltip
          cursor={tooltipCursor}
          contentStyle={tooltipStyle}
          labelStyle={tooltipLabelStyle}
          labelFormatter={(day) => formatDay(String(day))}
        />
        <Legend
          iconType="square"
          iconSize={10}
          wrapperStyle={{ fontSize: 12, paddingTop: 8 }}
          formatter={(value) => <span className="text-foreground">{value}</span>}
        />
        {series.map((s, index) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stackId="assigned"
            fill={s.color}
            maxBarSize={48}
            radius={index === series.length - 1 ? [3, 3, 0, 0] : 0}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
