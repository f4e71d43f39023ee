import { Download } from "lucide-react";
import { buttonVariants } from "@/components/ui/button-variants";
import type { ReportTable } from "@/lib/reports/report-csv";

/** A download of one table with the report's own filters. */
export function CsvLink({
  slug,
  table,
  filters,
  what,
}: {
  slug: string;
  table: ReportTable;
  /** The report's search params (range, days, team, channel). */
  filters: string;
  /** What the file holds, for screen readers: "the members table". */
  what: string;
}) {
  const query = new URLSearchParams(filters);
  query.set("table", table);
  return (
    <a
      href={`/api/workspaces/${slug}/reports/export?${query.toString()}`}
      download
      aria-label={`Download CSV of ${what}`}
      className={buttonVariants({ variant: "outline", size: "sm", className: "shrink-0" })}
    >
      <Download aria-hidden="true" />
      Download CSV
    </a>
  );
}
