import { useId } from "react";

export interface ChartTable {
  /** Column headers; the first column heads the rows. */
  columns: string[];
  /** One row per line of the table: its header cell, then the values. */
  rows: { key: string; head: string; cells: (string | number)[] }[];
}

/**
 * A chart with its caption and, behind a disclosure that keyboard and screen-reader users
 * reach, the same numbers as a table.
 */
export function ChartFigure({
  caption,
  table,
  children,
}: {
  caption: string;
  table: ChartTable;
  children: React.ReactNode;
}) {
  const captionId = useId();
  return (
    <figure aria-labelledby={captionId} className="space-y-3">
      <figcaption id={captionId} className="text-muted-foreground text-xs">
        {caption}
      </figcaption>
      {children}
      <details className="group rounded-md text-sm">
        <summary className="w-fit cursor-pointer select-none rounded-sm font-medium text-link text-xs underline-offset-4 hover:underline">
          Show data as table
        </summary>
        <div className="mt-2 max-h-80 overflow-auto rounded-md border">
          <table className="w-full whitespace-nowrap text-left text-xs tabular-nums">
            <caption className="sr-only">{caption}</caption>
            <thead className="sticky top-0 bg-muted">
              <tr>
                {table.columns.map((column, index) => (
                  <th
                    key={column}
                    scope="col"
                    className={
                      index === 0 ? "px-3 py-2 font-medium" : "px-3 py-2 text-right font-medium"
                    }
                  >
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y">
              {table.rows.map(({ key, head, cells }) => (
                <tr key={key}>
                  <th scope="row" className="px-3 py-1.5 font-normal">
                    {head}
                  </th>
                  {cells.map((cell, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                    <td key={index} className="px-3 py-1.5 text-right">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
