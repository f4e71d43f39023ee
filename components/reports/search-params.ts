import { type ReportFilters, reportFiltersSchema } from "@/lib/reports/report-query";

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => {
  const one = Array.isArray(value) ? value[0] : value;
  return one === "" ? undefined : one;
};

/**
 * The report's filters from the page's URL (`range`, `from`, `to`, `team`, `channel`). A bad
 * value never breaks the page: the parts in error fall back to their defaults (a bad range to
 * the last 30 days, a bad or foreign team to all teams) and `problem` says what happened.
 */
export function readReportFilters(
  searchParams: SearchParams,
  teamIds: string[],
): { filters: ReportFilters; problem: string | null } {
  const raw = {
    range: first(searchParams.range),
    from: first(searchParams.from),
    to: first(searchParams.to),
    teamId: first(searchParams.team),
    channel: first(searchParams.channel),
  };
  const parsed = reportFiltersSchema.safeParse(raw);
  const problems: string[] = [];
  let filters: ReportFilters;
  if (parsed.success) {
    filters = parsed.data;
  } else {
    const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
    const badRange = bad.has("range") || bad.has("from") || bad.has("to");
    const retry = reportFiltersSchema.safeParse({
      ...(badRange ? {} : { range: raw.range, from: raw.from, to: raw.to }),
      teamId: bad.has("teamId") ? undefined : raw.teamId,
      channel: bad.has("channel") ? undefined : raw.channel,
    });
    filters = retry.success ? retry.data : reportFiltersSchema.parse({});
    problems.push(parsed.error.issues[0]?.message ?? "Those filters are not valid.");
    if (badRange) problems.push("Showing the last 30 days.");
    if (bad.has("teamId")) problems.push("Showing all teams.");
    if (bad.has("channel")) problems.push("Showing all channels.");
  }
  if (filters.teamId && !teamIds.includes(filters.teamId)) {
    problems.push("That team is not in this workspace; showing all teams.");
    filters = { ...filters, teamId: undefined };
  }
  return { filters, problem: problems.length > 0 ? problems.join(" ") : null };
}
