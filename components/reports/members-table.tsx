"use client";

import { Badge } from "@/components/ui/badge";
import type { MemberRow } from "@/lib/reports/report-types";
import { formatCount, formatDuration, formatPercent } from "./format";
import { type Column, SortableTable } from "./sortable-table";

const count = (
  pick: (row: MemberRow) => number,
): Pick<Column<MemberRow>, "sortValue" | "cell" | "numeric"> => ({
  sortValue: pick,
  cell: (row) => formatCount(pick(row)),
  numeric: true,
});

const duration = (
  pick: (row: MemberRow) => number | null,
): Pick<Column<MemberRow>, "sortValue" | "cell" | "numeric"> => ({
  sortValue: pick,
  cell: (row) => formatDuration(pick(row)),
  numeric: true,
});

const columns: Column<MemberRow>[] = [
  {
    key: "name",
    label: "Member",
    sortValue: (row) => row.name,
    cell: (row) => (
      <span className="inline-flex items-center gap-2">
        <span className="max-w-48 truncate">{row.name}</span>
        {row.removed ? <Badge variant="outline">Removed</Badge> : null}
      </span>
    ),
  },
  { key: "assigned", label: "Assigned", ...count((row) => row.assigned) },
  { key: "closed", label: "Closed", ...count((row) => row.closed) },
  { key: "openNow", label: "Open now", ...count((row) => row.openNow) },
  { key: "messagesSent", label: "Messages sent", ...count((row) => row.messagesSent) },
  {
    key: "firstResponseMedian",
    label: "Median first response",
    ...duration((row) => row.firstResponseMedianSeconds),
    cell: (row) => (
      <span className="inline-flex flex-col items-end">
        {formatDuration(row.firstResponseMedianSeconds)}
        {row.unanswered > 0 ? (
          <span className="text-muted-foreground text-xs">
            {formatCount(row.unanswered)} unanswered
          </span>
        ) : null}
      </span>
    ),
  },
  {
    key: "firstResponseP90",
    label: "p90 first response",
    ...duration((row) => row.firstResponseP90Seconds),
  },
  {
    key: "resolutionMedian",
    label: "Median resolution",
    ...duration((row) => row.resolutionMedianSeconds),
  },
  { key: "reassignedAway", label: "Reassigned away", ...count((row) => row.reassignedAway) },
  {
    key: "loadShare",
    label: "Share of load",
    sortValue: (row) => row.loadShare,
    cell: (row) => formatPercent(row.loadShare),
    numeric: true,
  },
];

/** The members' figures for the range, sortable by every column. */
export function MembersTable({ rows, own }: { rows: MemberRow[]; own: boolean }) {
  return (
    <SortableTable
      caption={own ? "Your figures in this range" : "Figures per member"}
      columns={columns}
      rows={rows}
      rowKey={(row) => row.memberId}
      initialSort={{ key: "assigned", direction: "descending" }}
    />
  );
}
