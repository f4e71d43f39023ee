import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InboxScreen } from "@/components/inbox/inbox-screen";
import { requireWorkspace } from "@/lib/auth/page";
import { conversationIdSchema } from "@/lib/conversations/schemas";
import { findVisibleConversation, viewerFor } from "@/lib/conversations/viewer";

export const metadata: Metadata = { title: "Inbox" };

/** The inbox with one conversation open; a conversation the viewer may not see is a 404. */
export default async function ConversationPage({
  params,
}: {
  params: Promise<{ workspace: string; conversationId: string }>;
}) {
  const { workspace: slug, conversationId } = await params;
  const context = await requireWorkspace(slug, "conversations.view");
  if (!conversationIdSchema.safeParse({ conversationId }).success) notFound();
  const conversation = await findVisibleConversation(
    context.db,
    await viewerFor(context),
    conversationId,
  );
  if (!conversation) notFound();
  return <InboxScreen context={context} selectedId={conversation.id} />;
}
