import type { ReactNode } from "react";
import { cn } from "@/lib/utils";
import { Label } from "./label";

export type FieldProps = {
  label: ReactNode;
  /** The id of the control; also the prefix of the hint and error ids. */
  htmlFor: string;
  error?: string;
  hint?: ReactNode;
  /** Adds a muted "(optional)"; mark the optional fields so required ones need no asterisk. */
  optional?: boolean;
  className?: string;
  children: ReactNode;
};

export const fieldHintId = (htmlFor: string) => `${htmlFor}-hint`;
export const fieldErrorId = (htmlFor: string) => `${htmlFor}-error`;

/**
 * The aria props a control inside <Field> should spread, so its hint and error are read
 * with it: <Input {...fieldControlProps({ id: "email", error, hint: true })} />.
 */
export function fieldControlProps({
  id,
  error,
  hint = false,
}: {
  id: string;
  error?: string;
  hint?: boolean;
}) {
  const describedBy = [hint ? fieldHintId(id) : null, error ? fieldErrorId(id) : null]
    .filter(Boolean)
    .join(" ");
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy || undefined,
  } as const;
}

/** Label, control, hint and error message for one form control. */
export function Field({ label, htmlFor, error, hint, optional, className, children }: FieldProps) {
  return (
    <div data-slot="field" className={cn("grid gap-2", className)}>
      <Label htmlFor={htmlFor}>
        {label}
        {optional ? <span className="font-normal text-muted-foreground">(optional)</span> : null}
      </Label>
      {children}
      {hint ? (
        <p id={fieldHintId(htmlFor)} className="text-muted-foreground text-xs">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={fieldErrorId(htmlFor)} role="alert" className="font-medium text-destructive text-xs">
          {error}
        </p>
      ) : null}
    </div>
  );
}
