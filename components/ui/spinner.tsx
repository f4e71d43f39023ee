import { LoaderCircle } from "lucide-react";
import { cn } from "@/lib/utils";

const sizes = {
  sm: "size-3.5",
  md: "size-4",
  lg: "size-6",
} as const;

export type SpinnerProps = {
  size?: keyof typeof sizes;
  /**
   * Announced to screen readers as a status. Pass `false` when the surrounding control
   * already says it is busy (a loading button sets aria-busy), so it is not read twice.
   */
  label?: string | false;
  className?: string;
};

export function Spinner({ size = "md", label = "Loading", className }: SpinnerProps) {
  const icon = (
    <LoaderCircle
      aria-hidden="true"
      className={cn("shrink-0 animate-spin", sizes[size], label === false && className)}
    />
  );
  if (label === false) return icon;
  return (
    <span role="status" className={cn("inline-flex items-center", className)}>
      {icon}
      <span className="sr-only">{label}</span>
    </span>
  );
}
