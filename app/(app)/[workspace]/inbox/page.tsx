import type { Metadata } from "next";
import { InboxScreen } from "@/components/inbox/inbox-screen";
import { requireWorkspace } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Inbox" };

// The view, filters and search are read from the URL by the inbox itself (useSearchParams), so
// changing them updates the address without a server round trip.
export default async function InboxPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const context = await requireWorkspace(slug, "conversations.view");
  return <InboxScreen context={context} selectedId={null} />;
}
