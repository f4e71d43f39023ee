import { Skeleton } from "@/components/ui/skeleton";

export default function AgentLoading() {
  return (
    <div role="status" aria-busy="true" className="space-y-8">
      <span className="sr-only">Loading the agent…</span>
      <div className="space-y-4">
        <Skeleton className="h-4 w-20" />
        <div className="flex items-center gap-3">
          <Skeleton className="size-12 rounded-full" />
          <div className="space-y-2">
            <Skeleton className="h-5 w-40" />
            <Skeleton className="h-4 w-56" />
          </div>
        </div>
      </div>
      <div className="space-y-4 rounded-lg border border-border p-4 sm:p-6">
        <Skeleton className="h-5 w-24" />
        <Skeleton className="h-9 w-full max-w-sm" />
        <Skeleton className="h-10 w-full max-w-md" />
        <Skeleton className="h-32 w-full" />
      </div>
      <div className="space-y-3">
        <Skeleton className="h-5 w-28" />
        <Skeleton className="h-24 w-full" />
      </div>
    </div>
  );
}
