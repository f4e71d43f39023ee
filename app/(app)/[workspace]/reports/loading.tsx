import { Skeleton } from "@/components/ui/skeleton";

export default function ReportsLoading() {
  return (
    <div role="status" aria-busy="true" className="flex flex-1 flex-col">
      <span className="sr-only">Loading the report…</span>
      <div className="space-y-2 border-b border-border px-4 py-5 sm:px-8">
        <Skeleton className="h-6 w-28" />
        <Skeleton className="h-4 w-80 max-w-full" />
      </div>
      <div className="space-y-6 px-4 py-6 sm:px-8">
        <div className="flex flex-wrap items-end gap-4">
          <Skeleton className="h-9 w-full max-w-md" />
          <Skeleton className="h-9 w-48" />
          <Skeleton className="h-9 w-48" />
        </div>
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {["assigned", "closed", "sent", "inbound"].map((key) => (
            <Skeleton key={key} className="h-[4.5rem]" />
          ))}
        </div>
        <div className="space-y-3 rounded-lg border p-4 sm:p-6">
          <Skeleton className="h-5 w-32" />
          {["a", "b", "c", "d"].map((key) => (
            <Skeleton key={key} className="h-8 w-full" />
          ))}
        </div>
        <div className="grid gap-6 xl:grid-cols-2">
          <Skeleton className="h-80 xl:col-span-2" />
          <Skeleton className="h-64" />
          <Skeleton className="h-64" />
        </div>
      </div>
    </div>
  );
}
