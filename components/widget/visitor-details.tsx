"use client";

import { Button } from "@/components/ui/button";
import { fieldControlProps, fieldErrorId } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export interface VisitorDetailsValue {
  name: string;
  email: string;
}

/** The optional "who are you" step before the first message; sent with it, or skipped. */
export function VisitorDetails({
  value,
  onChange,
  onSkip,
  errors,
  nameMax,
}: {
  value: VisitorDetailsValue;
  onChange: (value: VisitorDetailsValue) => void;
  onSkip: () => void;
  errors: { name?: string; email?: string };
  nameMax: number;
}) {
  return (
    <section
      aria-labelledby="widget-details-heading"
      className="space-y-2 border-t border-border bg-muted/40 px-4 py-3"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id="widget-details-heading" className="text-sm font-medium">
          Who are we talking to?
        </h2>
        <Button type="button" variant="ghost" size="sm" onClick={onSkip}>
          Skip
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        Optional. Leave your name and email so we can follow up if you leave.
      </p>
      <div className="grid gap-2 sm:grid-cols-2">
        <div className="grid gap-1">
          <Label htmlFor="widget-name">Your name</Label>
          <Input
            {...fieldControlProps({ id: "widget-name", error: errors.name })}
            autoComplete="name"
            maxLength={nameMax}
            value={value.name}
            onChange={(event) => onChange({ ...value, name: event.target.value })}
          />
          {errors.name ? (
            <p id={fieldErrorId("widget-name")} className="text-xs font-medium text-destructive">
              {errors.name}
            </p>
          ) : null}
        </div>
        <div className="grid gap-1">
          <Label htmlFor="widget-email">Your email</Label>
          <Input
            {...fieldControlProps({ id: "widget-email", error: errors.email })}
            type="email"
            autoComplete="email"
            inputMode="email"
            value={value.email}
            onChange={(event) => onChange({ ...value, email: event.target.value })}
          />
          {errors.email ? (
            <p id={fieldErrorId("widget-email")} className="text-xs font-medium text-destructive">
              {errors.email}
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
