import { Inbox } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/shell/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireWorkspace } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  await requireWorkspace(slug);
  return (
    <>
      <PageHeader
        title="Inbox"
        description="Every customer conversation, each with one clear owner."
      />
      <div className="flex flex-1 items-center justify-center p-8">
        <EmptyState
          icon={Inbox}
          title="No conversations yet"
          description="When customers write through web chat or the API, their conversations land here."
        />
      </div>
    </>
  );
}
