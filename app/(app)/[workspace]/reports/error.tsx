"use client";

import { CircleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** A failed report: say so plainly and offer another try. */
export default function ReportsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="p-4 sm:p-8">
      <EmptyState
        icon={CircleAlert}
        title="We could not load the report"
        description="Something went wrong on our side. Try again in a moment, or pick a shorter range."
        action={<Button onClick={reset}>Try again</Button>}
        className="rounded-lg border border-border border-dashed bg-card"
      />
    </div>
  );
}
