"use client";

import { CircleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/** A failed read of the agents pages: say so plainly and offer another try. */
export default function AgentsError({ reset }: { error: Error; reset: () => void }) {
  return (
    <EmptyState
      icon={CircleAlert}
      title="We could not load the AI agents"
      description="Something went wrong on our side. Try again in a moment."
      action={<Button onClick={reset}>Try again</Button>}
      className="rounded-lg border border-border border-dashed bg-card"
    />
  );
}
