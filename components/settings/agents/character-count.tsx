import { cn } from "@/lib/utils";

/** "120 / 4,000", turning to a warning near the limit; put it in a Field's hint. */
export function CharacterCount({ length, max }: { length: number; max: number }) {
  return (
    <span className={cn("tabular-nums", length > max * 0.9 && "font-medium text-warning")}>
      {length.toLocaleString("en")} / {max.toLocaleString("en")}
      <span className="sr-only"> characters</span>
    </span>
  );
}
