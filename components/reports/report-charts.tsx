"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";
import type {
  AssignmentsPerDay,
  FirstResponsePoint,
  OpenLoadBar,
} from "@/lib/reports/report-types";
import {
  firstResponseTable,
  OPEN_LOAD_SHOWN,
  openLoadBars,
  openLoadTable,
  stackedSeries,
  stackedTable,
} from "./chart-data";
import { ChartFigure } from "./chart-figure";

// Recharts measures its container in the browser: the charts load after the page, each in
// its own chunk, with a placeholder of the same height meanwhile.
const AssignmentsChart = dynamic(() => import("./assignments-chart"), {
  ssr: false,
  loading: () => <Skeleton className="h-[300px] w-full" />,
});
const OpenLoadChart = dynamic(() => import("./open-load-chart"), {
  ssr: false,
  loading: () => <Skeleton className="h-[200px] w-full" />,
});
const FirstResponseChart = dynamic(() => import("./first-response-chart"), {
  ssr: false,
  loading: () => <Skeleton className="h-[260px] w-full" />,
});

function NoData({ children }: { children: React.ReactNode }) {
  return (
    <p className="flex h-32 items-center justify-center rounded-md border border-dashed text-muted-foreground text-sm">
      {children}
    </p>
  );
}

export function AssignmentsPerDayFigure({ data, own }: { data: AssignmentsPerDay; own: boolean }) {
  const series = stackedSeries(data);
  if (series.length === 0) return <NoData>No assignments in this range.</NoData>;
  const grouped = series.some((s) => s.key === "others");
  const caption = own
    ? "Conversations assigned to you per day."
    : `Conversations assigned per day, stacked by assignee${grouped ? " (the eight busiest; the rest as Others)" : ""}.`;
  return (
    <ChartFigure caption={caption} table={stackedTable(data.days, series)}>
      <AssignmentsChart days={data.days} series={series} label={caption} />
    </ChartFigure>
  );
}

export function OpenLoadFigure({ bars, own }: { bars: OpenLoadBar[]; own: boolean }) {
  if (bars.length === 0) return <NoData>No members to show.</NoData>;
  const shown = openLoadBars(bars);
  const more =
    bars.length > OPEN_LOAD_SHOWN ? ` The ${OPEN_LOAD_SHOWN} fullest of ${bars.length}.` : "";
  const capacity = bars.some((bar) => bar.capacity !== null)
    ? "; the tick marks capacity, amber bars are at or over it"
    : "";
  const caption = `${own ? "Your open conversations now" : "Open conversations per member now"}${capacity}.${more}`;
  return (
    <ChartFigure caption={caption} table={openLoadTable(bars)}>
      <OpenLoadChart bars={shown} label={caption} />
    </ChartFigure>
  );
}

export function FirstResponseFigure({
  points,
  own,
}: {
  points: FirstResponsePoint[];
  own: boolean;
}) {
  if (points.every((point) => point.medianSeconds === null)) {
    return <NoData>No answered assignments in this range.</NoData>;
  }
  const caption = own
    ? "Your median first response time per day."
    : "Median first response time per day, over the assignments answered.";
  return (
    <ChartFigure caption={caption} table={firstResponseTable(points)}>
      <FirstResponseChart points={points} label={caption} />
    </ChartFigure>
  );
}
