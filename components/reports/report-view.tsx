import { CalendarX2 } from "lucide-react";
import { useId } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { ReportTable } from "@/lib/reports/report-csv";
import type { Report } from "@/lib/reports/report-types";
import { weekdayNames } from "@/lib/reports/report-types";
import { cn } from "@/lib/utils";
import { AgentsTable } from "./agents-table";
import { BusiestHoursHeatmap } from "./busiest-hours-heatmap";
import { busiestHoursTable, heatGrid, hourLabel } from "./chart-data";
import { ChartFigure } from "./chart-figure";
import { seriesPaletteClassName } from "./chart-theme";
import { CsvLink } from "./csv-link";
import { FairnessSummary } from "./fairness";
import { formatCount } from "./format";
import { MembersTable } from "./members-table";
import { AssignmentsPerDayFigure, FirstResponseFigure, OpenLoadFigure } from "./report-charts";

function Section({
  title,
  description,
  csv,
  flush = false,
  className,
  children,
}: {
  title: string;
  description?: string;
  /** The table's CSV download. */
  csv?: { slug: string; table: ReportTable; filters: string };
  /** Content runs to the card's edges (tables scroll inside it). */
  flush?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={cn("min-w-0", className)}>
      <Card className="h-full">
        <CardHeader>
          <div className="flex min-h-8 items-center justify-between gap-3">
            <CardTitle as="h2" id={id}>
              {title}
            </CardTitle>
            {csv ? <CsvLink {...csv} what={title.toLowerCase()} /> : null}
          </div>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </CardHeader>
        <CardContent className={cn("min-w-0", flush && "px-0 sm:px-0")}>{children}</CardContent>
      </Card>
    </section>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-lg border bg-card px-4 py-3 shadow-xs">
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="font-semibold text-2xl tabular-nums tracking-tight">{formatCount(value)}</dd>
    </div>
  );
}

function hasFigures(report: Report): boolean {
  const { totals, members, agents } = report;
  return (
    totals.assigned + totals.closed + totals.messagesSent + totals.inbound > 0 ||
    members.some((row) => row.assigned + row.closed + row.openNow + row.messagesSent > 0) ||
    agents.some((row) => row.sessions + row.handoffs > 0)
  );
}

function busiestSummary(grid: number[][], own: boolean): string | null {
  let best = { weekday: 0, hour: 0, count: 0 };
  let all = 0;
  grid.forEach((hours, weekday) => {
    hours.forEach((count, hour) => {
      all += count;
      if (count > best.count) best = { weekday, hour, count };
    });
  });
  if (all === 0) return null;
  const where = own ? "in your conversations" : "in all";
  return `Customer messages by weekday and hour. Busiest: ${weekdayNames[best.weekday]} ${hourLabel(best.hour)}–${hourLabel((best.hour + 1) % 24)} with ${formatCount(best.count)}; ${formatCount(all)} ${where}.`;
}

/** Everything the report shows, for everyone's figures or a member's own. */
export function ReportView({
  report,
  slug,
  filters,
}: {
  report: Report;
  slug: string;
  /** The report's search params, for the CSV links. */
  filters: string;
}) {
  const own = report.scope === "own";
  const csv = (table: ReportTable) => ({ slug, table, filters });
  const filtered = report.filters.teamId !== null || report.filters.channel !== null;

  if (!hasFigures(report)) {
    return (
      <Card>
        <EmptyState
          icon={CalendarX2}
          title="No conversations in this range"
          description={`Try a longer range${filtered ? ", or all teams and channels" : ""}. Figures appear once conversations are assigned, answered or closed.`}
        />
      </Card>
    );
  }

  const sum = (pick: (row: Report["members"][number]) => number) =>
    report.members.reduce((total, row) => total + pick(row), 0);
  const grid = heatGrid(report.charts.busiestHours);
  const busiest = busiestSummary(grid, own);

  return (
    <div className={cn("space-y-6", seriesPaletteClassName)}>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat
          label={own ? "Assigned to you" : "Assigned"}
          value={own ? sum((r) => r.assigned) : report.totals.assigned}
        />
        <Stat label={own ? "Closed by you" : "Closed"} value={report.totals.closed} />
        <Stat
          label={own ? "Messages you sent" : "Messages sent"}
          value={report.totals.messagesSent}
        />
        <Stat label="Customer messages" value={report.totals.inbound} />
      </dl>

      <Section
        title={own ? "Your figures" : "Members"}
        description={
          own
            ? "What you handled in this range. Share of load compares your assignments with the whole team's."
            : "Per member, for this range. Click a column header to sort."
        }
        csv={csv("members")}
        flush
      >
        <MembersTable rows={report.members} own={own} />
      </Section>

      {report.fairness ? (
        <Section
          title="Fairness"
          description="How evenly assignments spread over the members who could take them."
          csv={csv("fairness")}
        >
          <FairnessSummary fairness={report.fairness} />
        </Section>
      ) : null}

      <div className="grid gap-6 xl:grid-cols-2">
        <Section
          title="Conversations per day"
          description={own ? "Assigned to you, by day." : "Assigned, by day and assignee."}
          csv={csv("assignments-per-day")}
          className="xl:col-span-2"
        >
          <AssignmentsPerDayFigure data={report.charts.assignmentsPerDay} own={own} />
        </Section>
        <Section
          title="Open load now"
          description="Open conversations assigned right now, whatever the range."
          csv={csv("open-load")}
        >
          <OpenLoadFigure bars={report.charts.openLoad} own={own} />
        </Section>
        <Section
          title="First response time"
          description="Median time from assignment to the first reply, per day."
          csv={csv("first-response-trend")}
        >
          <FirstResponseFigure points={report.charts.firstResponseTrend} own={own} />
        </Section>
        <Section
          title="Busiest hours"
          description={`Customer messages by weekday and hour, in ${report.range.timeZone}.`}
          csv={csv("busiest-hours")}
          className="xl:col-span-2"
        >
          {busiest ? (
            <ChartFigure caption={busiest} table={busiestHoursTable(grid)}>
              <BusiestHoursHeatmap grid={grid} summary={busiest} />
            </ChartFigure>
          ) : (
            <p className="flex h-32 items-center justify-center rounded-md border border-dashed text-muted-foreground text-sm">
              No customer messages in this range.
            </p>
          )}
        </Section>
      </div>

      {own ? null : (
        <Section
          title="AI agents"
          description="Sessions started in this range, what the agents resolved alone and what they handed off."
          csv={csv("agents")}
          flush
        >
          {report.agents.length > 0 ? (
            <AgentsTable rows={report.agents} />
          ) : (
            <p className="px-4 text-muted-foreground text-sm sm:px-6">
              No AI agent handled a conversation in this range.
            </p>
          )}
        </Section>
      )}
    </div>
  );
}
