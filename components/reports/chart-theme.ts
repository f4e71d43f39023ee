import type { CSSProperties } from "react";

/**
 * The charts' colours, as CSS variables so light and dark both work: the series palette is
 * set on the report's root (light values, then `.dark` ones) and everything else reads the
 * theme's own tokens from app/globals.css.
 */
export const seriesPaletteClassName =
  "[--series-1:oklch(0.55_0.2_277)] [--series-2:oklch(0.6_0.11_185)] [--series-3:oklch(0.7_0.15_70)] [--series-4:oklch(0.6_0.19_10)] [--series-5:oklch(0.6_0.14_235)] [--series-6:oklch(0.6_0.15_150)] [--series-7:oklch(0.56_0.2_310)] [--series-8:oklch(0.66_0.17_45)] [--series-other:oklch(0.72_0.01_286)] dark:[--series-1:oklch(0.68_0.17_277)] dark:[--series-2:oklch(0.74_0.11_185)] dark:[--series-3:oklch(0.8_0.14_80)] dark:[--series-4:oklch(0.7_0.17_12)] dark:[--series-5:oklch(0.74_0.12_235)] dark:[--series-6:oklch(0.75_0.15_150)] dark:[--series-7:oklch(0.7_0.17_310)] dark:[--series-8:oklch(0.76_0.15_50)] dark:[--series-other:oklch(0.5_0.01_286)]";

/** The stacked chart shows this many members; the rest are summed as "Others". */
export const SERIES_SHOWN = 8;

export const seriesColor = (index: number) => `var(--series-${(index % SERIES_SHOWN) + 1})`;
export const otherSeriesColor = "var(--series-other)";

export const chartColors = {
  primary: "var(--primary)",
  grid: "var(--border)",
  axis: "var(--muted-foreground)",
  warning: "var(--warning)",
  foreground: "var(--foreground)",
} as const;

export const axisTick = { fill: "var(--muted-foreground)", fontSize: 12 } as const;

export const tooltipStyle: CSSProperties = {
  background: "var(--popover)",
  border: "1px solid var(--border)",
  borderRadius: "var(--radius)",
  color: "var(--popover-foreground)",
  fontSize: 12,
  boxShadow: "0 4px 12px rgb(0 0 0 / 0.12)",
};

export const tooltipLabelStyle: CSSProperties = {
  color: "var(--popover-foreground)",
  fontWeight: 600,
};

export const tooltipCursor = { fill: "var(--muted)", opacity: 0.6 } as const;
