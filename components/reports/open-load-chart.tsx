"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  useXAxisScale,
  useYAxisScale,
  XAxis,
  YAxis,
} from "recharts";
import type { OpenLoadBar } from "@/lib/reports/report-types";
import {
  axisTick,
  chartColors,
  tooltipCursor,
  tooltipLabelStyle,
  tooltipStyle,
} from "./chart-theme";

const ROW_HEIGHT = 34;

const shorten = (name: string) => (name.length > 18 ? `${name.slice(0, 17)}…` : name);

/** A vertical tick across each member's band at their capacity (members without one get none). */
function CapacityMarks({ bars }: { bars: OpenLoadBar[] }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  return (
    <g className="capacity-marks">
      {bars.map((bar) => {
        if (bar.capacity === null) return null;
        const at = x(bar.capacity);
        const top = y(bar.memberId, { position: "start" });
        const bottom = y(bar.memberId, { position: "end" });
        if (at === undefined || top === undefined || bottom === undefined) return null;
        return (
          <line
            key={bar.memberId}
            x1={at}
            x2={at}
            y1={top + 3}
            y2={bottom - 3}
            stroke={chartColors.foreground}
            strokeWidth={2}
            strokeLinecap="round"
          />
        );
      })}
    </g>
  );
}

/** Open conversations per member now, with their capacity marked. */
export default function OpenLoadChart({ bars, label }: { bars: OpenLoadBar[]; label: string }) {
  const names = new Map(bars.map((bar) => [bar.memberId, bar.name]));
  const top = Math.max(1, ...bars.map((bar) => Math.max(bar.open, bar.capacity ?? 0)));
  const height = Math.max(120, bars.length * ROW_HEIGHT + 40);
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 400, height }}>
      <BarChart
        data={bars}
        layout="vertical"
        margin={{ top: 4, right: 16, bottom: 0, left: 0 }}
        title={label}
      >
        <CartesianGrid horizontal={false} stroke={chartColors.grid} />
        <XAxis
          type="number"
          domain={[0, top]}
          allowDecimals={false}
          tick={axisTick}
          tickLine={false}
          axisLine={{ stroke: chartColors.grid }}
        />
        <YAxis
          type="category"
          dataKey="memberId"
          width={128}
          tickFormatter={(id) => shorten(names.get(String(id)) ?? "")}
          tick={axisTick}
          tickLine={false}
          axisLine={false}
        />
        <Tooltip
          cursor={tooltipCursor}
          contentStyle={tooltipStyle}
          labelStyle={tooltipLabelStyle}
          labelFormatter={(id) => names.get(String(id)) ?? ""}
          formatter={(value, _name, item) => {
            const capacity = (item.payload as OpenLoadBar | undefined)?.capacity ?? null;
            return [
              capacity === null ? `${value} (no limit)` : `${value} of ${capacity}`,
              "Open now",
            ];
          }}
        />
        <Bar dataKey="open" name="Open now" maxBarSize={22} radius={[0, 3, 3, 0]}>
          {bars.map((bar) => (
            <Cell
              key={bar.memberId}
              fill={
                bar.capacity !== null && bar.open >= bar.capacity
                  ? chartColors.warning
                  : chartColors.primary
              }
            />
          ))}
        </Bar>
        <CapacityMarks bars={bars} />
      </BarChart>
    </ResponsiveContainer>
  );
}
