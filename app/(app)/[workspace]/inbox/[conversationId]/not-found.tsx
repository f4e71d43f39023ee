"use client";

import { SearchX } from "lucide-react";
import Link from "next/link";
import { useParams } from "next/navigation";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

/**
 * A conversation the member may not see, inside the workspace's shell: a lost claim from the
 * queue or a reassignment refreshes the page into this, so the way back stays one click away.
 * It says the same whether the conversation exists or not.
 */
export default function ConversationNotFound() {
  const { workspace } = useParams<{ workspace: string }>();
  return (
    <div className="flex min-h-[calc(100dvh-3.5rem)] items-center justify-center lg:min-h-dvh">
      <EmptyState
        icon={SearchX}
        title="This conversation is not available"
        description="It may have been assigned to someone else, or the link is wrong."
        action={
          <Button asChild variant="outline">
            <Link href={`/${encodeURIComponent(workspace)}/inbox`}>Back to inbox</Link>
          </Button>
        }
      />
    </div>
  );
}
