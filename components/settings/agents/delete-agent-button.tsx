"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { deleteAgentAction } from "@/app/(app)/[workspace]/settings/agents/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toaster";
import type { Result } from "@/lib/errors";

function consequence(sessions: number): string {
  if (sessions === 0) {
    return "It is not handling any conversation now; a session started before you confirm ends too.";
  }
  const them = sessions === 1 ? "Its 1 active session ends" : `Its ${sessions} active sessions end`;
  return `${them} at once, and ${sessions === 1 ? "that conversation goes" : "those conversations go"} to a person.`;
}

export function DeleteAgentButton({
  workspace,
  agent,
}: {
  workspace: string;
  agent: { id: string; name: string; activeSessionCount: number };
}) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" className="text-destructive hover:text-destructive">
          <Trash2 aria-hidden="true" />
          Delete agent
        </Button>
      }
      title={`Delete ${agent.name}?`}
      description={`${consequence(agent.activeSessionCount)} Its knowledge goes with it; replies it already sent keep its name.`}
      confirmLabel="Delete agent"
      destructive
      onConfirm={async () => {
        const result = await deleteAgentAction({ workspace, agentId: agent.id }).catch(
          (): Result<never> => ({
            ok: false,
            error: { code: "internal", message: "We could not reach the server. Try again." },
          }),
        );
        if (!result.ok) {
          toast.error(result.error.message);
          return;
        }
        const ended = result.data.sessionsEnded;
        toast.success(
          ended === 0
            ? `Deleted ${result.data.name}.`
            : `Deleted ${result.data.name}; ${ended === 1 ? "1 session" : `${ended} sessions`} ended.`,
        );
        router.replace(`/${workspace}/settings/agents`);
      }}
    />
  );
}
