import { TriangleAlert } from "lucide-react";
import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { filterParams } from "@/components/reports/filter-params";
import { formatRangeDays } from "@/components/reports/format";
import { ReportFilters } from "@/components/reports/report-filters";
import { ReportBody, ReportNavigation } from "@/components/reports/report-navigation";
import { ReportView } from "@/components/reports/report-view";
import { readReportFilters } from "@/components/reports/search-params";
import { PageHeader } from "@/components/shell/page-header";
import { requireWorkspace } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { buildReport, reportScopeFor } from "@/lib/reports/build-report";
import { listTeamOptions } from "@/lib/teams/queries";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace: slug } = await params;
  const { db, member, workspace } = await requireWorkspace(slug, "reports.view.own");
  const scope = reportScopeFor(member);
  if (!scope) forbidden();
  const teams = await listTeamOptions(db, workspace.id);
  const { filters, problem } = readReportFilters(
    await searchParams,
    teams.map((team) => team.id),
  );
  const report = await buildReport(db, { workspace, scope, filters, now: new Date() });
  const own = report.scope === "own";
  const value = {
    range: report.range.preset,
    from: report.range.fromDay,
    to: report.range.toDay,
    team: report.filters.teamId,
    channel: report.filters.channel,
  };
  const query = filterParams(value).toString();

  return (
    <>
      <PageHeader
        title="Reports"
        description={
          own
            ? `Your figures, ${formatRangeDays(report.range.fromDay, report.range.toDay)}.`
            : `Who carries the load and how fast customers get answers, ${formatRangeDays(report.range.fromDay, report.range.toDay)}.`
        }
      />
      <ReportNavigation>
        <div className="space-y-6 px-4 py-6 sm:px-8">
          {/* Keyed by the filters: the bar starts from what the URL holds after each change. */}
          <ReportFilters
            key={query}
            value={value}
            teams={teams}
            timeZone={workspace.timeZone}
            settingsHref={
              can(member.role, "workspace.manage") ? `/${workspace.slug}/settings` : null
            }
          />
          {problem ? (
            <p
              role="alert"
              className="flex items-start gap-2 rounded-md border border-warning/25 bg-warning/10 px-3 py-2 text-sm text-warning"
            >
              <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              {problem}
            </p>
          ) : null}
          <ReportBody>
            <ReportView report={report} slug={workspace.slug} filters={query} />
          </ReportBody>
        </div>
      </ReportNavigation>
    </>
  );
}
