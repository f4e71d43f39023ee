import { Skeleton } from "@/components/ui/skeleton";

export default function AgentsLoading() {
  return (
    <div role="status" aria-busy="true" className="space-y-5">
      <span className="sr-only">Loading AI agents…</span>
      <div className="space-y-2">
        <Skeleton className="h-6 w-32" />
        <Skeleton className="h-4 w-full max-w-md" />
      </div>
      <div className="divide-y divide-border rounded-lg border border-border">
        {[0, 1, 2].map((row) => (
          <div key={row} className="flex items-center gap-3 p-4 sm:px-5">
            <Skeleton className="size-9 rounded-full" />
            <div className="flex-1 space-y-2">
              <Skeleton className="h-4 w-40" />
              <Skeleton className="h-3 w-56" />
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
