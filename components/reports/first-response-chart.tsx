"use client";

import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { FirstResponsePoint } from "@/lib/reports/report-types";
import { axisTick, chartColors, tooltipLabelStyle, tooltipStyle } from "./chart-theme";
import { formatDay, formatDuration } from "./format";

/** The daily median first response time; days without answered assignments leave a gap. */
export default function FirstResponseChart({
  points,
  label,
}: {
  points: FirstResponsePoint[];
  label: string;
}) {
  return (
    <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 400, height: 260 }}>
      <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 4 }} title={label}>
        <CartesianGrid vertical={false} stroke={chartColors.grid} />
        <XAxis
          dataKey="day"
          tickFormatter={formatDay}
          tick={axisTick}
          tickLine={false}
          axisLine={{ stroke: chartColors.grid }}
          minTickGap={16}
        />
        <YAxis
          tickFormatter={(seconds) => formatDuration(Number(seconds))}
          tick={axisTick}
          tickLine={false}
          axisLine={false}
          width={64}
        />
        <Tooltip
          contentStyle={tooltipStyle}
          labelStyle={tooltipLabelStyle}
          labelFormatter={(day) => formatDay(String(day))}
          formatter={(value, _name, item) => {
            const answered = (item.payload as FirstResponsePoint | undefined)?.answered ?? 0;
            return [`${formatDuration(Number(value))} (${answered} answered)`, "Median"];
          }}
        />
        <Line
          type="monotone"
          dataKey="medianSeconds"
          name="Median first response"
          stroke={chartColors.primary}
          strokeWidth={2}
          dot={{ r: 3, fill: chartColors.primary, strokeWidth: 0 }}
          activeDot={{ r: 5 }}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
