"use client";

import { Badge } from "@/components/ui/badge";
import type { AgentRow, HandoffReason } from "@/lib/reports/report-types";
import { formatCount, formatDuration, formatPercent } from "./format";
import { type Column, SortableTable } from "./sortable-table";

function reasonText(reason: HandoffReason): string {
  const what = reason.detail ?? (reason.reason === "error" ? "Model error" : "No reason given");
  return reason.reason === "error" && reason.detail ? `Error: ${what}` : what;
}

function Reasons({ reasons }: { reasons: HandoffReason[] }) {
  if (reasons.length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <ul className="max-w-72 space-y-0.5 whitespace-normal text-xs">
      {reasons.slice(0, 3).map((reason) => (
        <li key={`${reason.reason}|${reason.detail ?? ""}`} className="flex gap-1.5">
          <span className="line-clamp-1 min-w-0 flex-1" title={reasonText(reason)}>
            {reasonText(reason)}
          </span>
          <span className="shrink-0 text-muted-foreground tabular-nums">
            ×{formatCount(reason.count)}
          </span>
        </li>
      ))}
    </ul>
  );
}

const columns: Column<AgentRow>[] = [
  {
    key: "name",
    label: "AI agent",
    sortValue: (row) => row.name,
    cell: (row) => (
      <span className="inline-flex items-center gap-2">
        <span className="max-w-48 truncate">{row.name}</span>
        {row.deleted ? <Badge variant="outline">Deleted</Badge> : null}
      </span>
    ),
  },
  {
    key: "sessions",
    label: "Sessions",
    sortValue: (row) => row.sessions,
    cell: (row) => formatCount(row.sessions),
    numeric: true,
  },
  {
    key: "resolved",
    label: "Resolved without a human",
    sortValue: (row) => row.resolvedWithoutHuman,
    cell: (row) => formatCount(row.resolvedWithoutHuman),
    numeric: true,
  },
  {
    key: "handoffs",
    label: "Handoffs",
    sortValue: (row) => row.handoffs,
    cell: (row) => formatCount(row.handoffs),
    numeric: true,
  },
  {
    key: "handoffRate",
    label: "Handoff rate",
    sortValue: (row) => row.handoffRate,
    cell: (row) => formatPercent(row.handoffRate),
    numeric: true,
  },
  {
    key: "reasons",
    label: "Top handoff reasons",
    sortValue: (row) => {
      const top = row.handoffReasons[0];
      return top ? reasonText(top) : null;
    },
    cell: (row) => <Reasons reasons={row.handoffReasons} />,
  },
  {
    key: "medianReply",
    label: "Median reply time",
    sortValue: (row) => row.medianReplySeconds,
    cell: (row) => formatDuration(row.medianReplySeconds),
    numeric: true,
  },
];

/** The AI agents' figures for the range, sortable by every column. */
export function AgentsTable({ rows }: { rows: AgentRow[] }) {
  return (
    <SortableTable
      caption="Figures per AI agent"
      columns={columns}
      rows={rows}
      rowKey={(row) => row.agentId}
      initialSort={{ key: "sessions", direction: "descending" }}
    />
  );
}
