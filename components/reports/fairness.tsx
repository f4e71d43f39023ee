import type { Fairness } from "@/lib/reports/report-types";
import { cn } from "@/lib/utils";
import { formatCount, formatDecimal, formatPercent } from "./format";

/** Below this coefficient of variation the spread reads as fair (about ±10% around the mean). */
const FAIR_CV = 0.1;

/** The one-line plain reading of the spread, and whether it is even. */
export function fairnessReading(fairness: Fairness): {
  tone: "fair" | "uneven" | "none";
  text: string;
} {
  const { eligibleMembers, min, max, mean, coefficientOfVariation: cv } = fairness;
  if (eligibleMembers === 0) {
    return { tone: "none", text: "No eligible members: nobody here can take conversations." };
  }
  if (cv === null)
    return {
      tone: "none",
      text: "Nothing was assigned in this range, so there is nothing to compare.",
    };
  if (eligibleMembers === 1) {
    return { tone: "none", text: "Only one eligible member: every assignment went to them." };
  }
  const spread = `from ${formatCount(min)} to ${formatCount(max)} per member, mean ${formatDecimal(mean)}`;
  if (cv <= FAIR_CV) {
    return {
      tone: "fair",
      text: `Fair: a typical member's assignments are within ±10% of the mean (coefficient of variation ${formatPercent(cv)}), ${spread}.`,
    };
  }
  return {
    tone: "uneven",
    text: `Uneven: assignments range ${spread} (coefficient of variation ${formatPercent(cv)}). Check who is online, accepting chats and under capacity.`,
  };
}

function Stat({ label, value, className }: { label: string; value: string; className?: string }) {
  return (
    <div className={cn("rounded-md border bg-muted/30 px-3 py-2", className)}>
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="font-semibold text-lg tabular-nums">{value}</dd>
    </div>
  );
}

/** Whether routing spreads assignments evenly over the members who could take them. */
export function FairnessSummary({ fairness }: { fairness: Fairness }) {
  const reading = fairnessReading(fairness);
  return (
    <div className="space-y-4">
      <p
        className={cn(
          "rounded-md border px-3 py-2 font-medium text-sm",
          reading.tone === "fair" && "border-success/25 bg-success/10 text-success",
          reading.tone === "uneven" && "border-warning/25 bg-warning/10 text-warning",
          reading.tone === "none" && "bg-muted/40 text-muted-foreground",
        )}
      >
        {reading.text}
      </p>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        <Stat label="Eligible members" value={formatCount(fairness.eligibleMembers)} />
        <Stat label="Fewest assigned" value={formatCount(fairness.min)} />
        <Stat label="Most assigned" value={formatCount(fairness.max)} />
        <Stat label="Mean" value={formatDecimal(fairness.mean)} />
        <Stat
          label="Coefficient of variation"
          className="col-span-2 sm:col-span-1"
          value={
            fairness.coefficientOfVariation === null
              ? "—"
              : formatPercent(fairness.coefficientOfVariation)
          }
        />
      </dl>
      <p className="text-muted-foreground text-xs">{fairness.definition}</p>
    </div>
  );
}
