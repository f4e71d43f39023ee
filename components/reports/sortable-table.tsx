"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { type ReactNode, useMemo, useState } from "react";
import { cn } from "@/lib/utils";

export interface Column<Row> {
  key: string;
  label: string;
  /** What the column sorts by; null (nothing to measure) sorts last either way. */
  sortValue: (row: Row) => number | string | null;
  cell: (row: Row) => ReactNode;
  /** Numbers align right and sort largest first on the first click. */
  numeric?: boolean;
}

type Direction = "ascending" | "descending";

function compare(a: number | string | null, b: number | string | null, direction: Direction) {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const order =
    typeof a === "number" && typeof b === "number"
      ? a - b
      : String(a).localeCompare(String(b), "en", { sensitivity: "base" });
  return direction === "ascending" ? order : -order;
}

/**
 * A table sorted by clicking (or pressing Enter / Space on) a column header; the header
 * carries aria-sort. Scrolls sideways inside its card on a narrow screen, the first column
 * staying in view.
 */
export function SortableTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  initialSort,
}: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  initialSort: { key: string; direction: Direction };
}) {
  const [sort, setSort] = useState(initialSort);
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort.key);
    if (!column) return rows;
    return [...rows].sort((a, b) =>
      compare(column.sortValue(a), column.sortValue(b), sort.direction),
    );
  }, [columns, rows, sort]);

  const toggle = (column: Column<Row>) =>
    setSort((current) =>
      current.key === column.key
        ? {
            key: column.key,
            direction: current.direction === "ascending" ? "descending" : "ascending",
          }
        : { key: column.key, direction: column.numeric ? "descending" : "ascending" },
    );

  return (
    // A scrollable region must be reachable by keyboard to be scrolled without a mouse.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
    <section aria-label={caption} tabIndex={0} className="overflow-x-auto">
      <table className="w-full whitespace-nowrap text-sm tabular-nums">
        <caption className="sr-only">{caption}, sortable by each column</caption>
        <thead>
          <tr className="border-b">
            {columns.map((column, index) => {
              const active = sort.key === column.key;
              const Icon = active
                ? sort.direction === "ascending"
                  ? ArrowUp
                  : ArrowDown
                : ArrowUpDown;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={active ? sort.direction : undefined}
                  className={cn(
                    // Long labels wrap, so the table fits a desktop card without scrolling.
                    "whitespace-normal px-2 py-2 align-bottom font-medium text-muted-foreground text-xs",
                    column.numeric ? "text-right" : "text-left",
                    index === 0 && "sticky left-0 z-10 bg-card pl-3 sm:pl-5",
                    index === columns.length - 1 && "pr-3 sm:pr-5",
                  )}
                >
                  <button
                    type="button"
                    onClick={() => toggle(column)}
                    // Inline, not flex: a wrapped label keeps its arrow beside its words, where a
                    // flex box stretched the label's line and pushed the arrow away.
                    className={cn(
                      "inline-block max-w-32 rounded-sm px-1 py-0.5 text-balance hover:text-foreground",
                      column.numeric && "text-right",
                      active && "text-foreground",
                    )}
                  >
                    {column.numeric ? <SortIcon icon={Icon} active={active} side="left" /> : null}
                    {column.label}
                    {column.numeric ? null : <SortIcon icon={Icon} active={active} side="right" />}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y">
          {sorted.map((row) => (
            <tr key={rowKey(row)} className="hover:bg-muted/40">
              {columns.map((column, index) =>
                index === 0 ? (
                  <th
                    key={column.key}
                    scope="row"
                    className="sticky left-0 z-10 bg-card px-2 py-2.5 pl-4 text-left font-medium sm:pl-6"
                  >
                    {column.cell(row)}
                  </th>
                ) : (
                  <td
                    key={column.key}
                    className={cn(
                      "px-2 py-2.5",
                      column.numeric ? "text-right" : "text-left",
                      index === columns.length - 1 && "pr-4 sm:pr-6",
                    )}
                  >
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SortIcon({
  icon: Icon,
  active,
  side,
}: {
  icon: typeof ArrowUpDown;
  active: boolean;
  side: "left" | "right";
}) {
  return (
    <Icon
      aria-hidden="true"
      className={cn(
        "inline-block size-3.5 align-[-2px]",
        side === "left" ? "mr-1" : "ml-1",
        !active && "opacity-40",
      )}
    />
  );
}
