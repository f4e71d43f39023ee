import type { Channel } from "@/db/schema";
import type { RangePreset } from "@/lib/reports/report-query";

// Shared by the page (the CSV links) and the filter bar, so it lives outside "use client".

/** The filters a report was built with, as the URL carries them. */
export interface FilterValue {
  range: RangePreset;
  /** The range's first and last local day (YYYY-MM-DD): a custom range starts from them. */
  from: string;
  to: string;
  team: string | null;
  channel: Channel | null;
}

/** The search params of a filter value; the default range (30 days) is left out. */
export function filterParams(value: FilterValue): URLSearchParams {
  const params = new URLSearchParams();
  if (value.range !== "30d") params.set("range", value.range);
  if (value.range === "custom") {
    params.set("from", value.from);
    params.set("to", value.to);
  }
  if (value.team) params.set("team", value.team);
  if (value.channel) params.set("channel", value.channel);
  return params;
}
