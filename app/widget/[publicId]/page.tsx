import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { WidgetChat } from "@/components/widget/widget-chat";
import { getDb } from "@/db/client";
import { VISITOR_NAME_MAX } from "@/lib/channels/widget/limits";
import { findWidgetWorkspace } from "@/lib/channels/widget/widget-settings";
import { MESSAGE_MAX } from "@/lib/conversations/schemas";
import { AppError } from "@/lib/errors";
import { realtimeClientConfig } from "@/lib/realtime/pusher-config";

type Props = { params: Promise<{ publicId: string }> };

const loadWidget = cache(async (publicId: string) => {
  try {
    return await findWidgetWorkspace(await getDb(), publicId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspace } = await loadWidget((await params).publicId);
  return { title: `Chat with ${workspace.name}`, robots: { index: false, follow: false } };
}

export default async function WidgetPage({ params }: Props) {
  const { publicId } = await params;
  const { workspace, settings } = await loadWidget(publicId);
  return (
    <WidgetChat
      publicId={workspace.publicId}
      workspaceName={workspace.name}
      greeting={settings.greeting}
      messageMax={MESSAGE_MAX}
      nameMax={VISITOR_NAME_MAX}
      realtime={realtimeClientConfig()}
    />
  );
}
