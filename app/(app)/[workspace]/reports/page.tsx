import { BarChart3 } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireWorkspace } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  await requireWorkspace(slug, "reports.view.own");
  return (
    <>
      <PageHeader
        title="Reports"
        description="Who carries the load, and how fast customers get answers."
      />
      <div className="flex flex-1 items-center justify-center p-8">
        <EmptyState
          icon={BarChart3}
          title="Nothing to report yet"
          description="Figures appear here once your team has handled its first conversations."
        />
      </div>
    </>
  );
}
