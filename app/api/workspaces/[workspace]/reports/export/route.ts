// GET /api/workspaces/:workspace/reports/export?table=members&range=7d&team=…&channel=… — one report table as CSV

import { z } from "zod";
import { csvDownload } from "@/lib/api/csv-download";
import { workspaceRoute } from "@/lib/api/route";
import { parseInput } from "@/lib/auth/actions";
import { AppError, notFound } from "@/lib/errors";
import { buildReport, reportScopeFor } from "@/lib/reports/build-report";
import { reportCsv, reportCsvFileName, reportTables } from "@/lib/reports/report-csv";
import { reportFiltersSchema } from "@/lib/reports/report-query";
import { listTeamOptions } from "@/lib/teams/queries";

const tableSchema = z.enum(reportTables, {
  error: `Pick a table: ${reportTables.join(", ")}.`,
});

export const GET = workspaceRoute(
  { name: "GET /api/workspaces/:workspace/reports/export", permission: "reports.view.own" },
  async (request, { db, member, workspace }) => {
    const search = new URL(request.url).searchParams;
    const param = (name: string) => search.get(name) || undefined;
    // The page's links say `open-load`; `open_load` is accepted too.
    const table = parseInput(tableSchema, param("table")?.replaceAll("_", "-"));
    const filters = parseInput(reportFiltersSchema, {
      range: param("range"),
      from: param("from"),
      to: param("to"),
      teamId: param("team"),
      channel: param("channel"),
    });
    if (filters.teamId) {
      const teams = await listTeamOptions(db, workspace.id);
      if (!teams.some((team) => team.id === filters.teamId)) throw notFound("That team");
    }
    const scope = reportScopeFor(member);
    if (!scope) throw new AppError("forbidden", "Your role cannot see reports.");
    const report = await buildReport(db, { workspace, scope, filters, now: new Date() });
    return csvDownload(reportCsv(report, table), reportCsvFileName(report, table));
  },
);
