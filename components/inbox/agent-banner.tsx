"use client";

import { X } from "lucide-react";
import { AgentAvatar } from "@/components/ui/agent-avatar";
import { Button } from "@/components/ui/button";
import { Tip } from "./tip";
import type { DetailAgentSession } from "./types";

/**
 * Above the composer while an AI agent is handling the conversation (DESIGN.md rule 10). Its X
 * ends the session at once — no question asked, as in the field's products — for whoever may.
 */
export function AgentBanner({
  session,
  canReply,
  canEnd,
  ending,
  onEnd,
}: {
  session: NonNullable<DetailAgentSession>;
  canReply: boolean;
  canEnd: boolean;
  ending: boolean;
  onEnd: () => void;
}) {
  const { name, avatar } = session.agent;
  return (
    <section
      aria-label="AI agent"
      className="shrink-0 border-violet-200 border-t bg-violet-50 px-2 py-2 text-violet-950 sm:px-3 dark:border-violet-400/20 dark:bg-violet-500/10 dark:text-violet-50"
    >
      <div className="mx-auto flex max-w-3xl items-center gap-2.5 pl-1">
        <AgentAvatar avatar={avatar} size="md" className="bg-background dark:bg-violet-500/25" />
        <div className="min-w-0 flex-1">
          <p className="font-medium text-sm leading-snug">
            <span className="break-words">{name}</span> is handling this conversation
          </p>
          <p className="text-violet-900/75 text-xs leading-snug dark:text-violet-100/70">
            It answers every customer message until the session ends.
            {canReply ? " You can still reply." : ""}
          </p>
        </div>
        {canEnd ? (
          <Tip label="End session">
            <Button
              variant="ghost"
              size="icon"
              loading={ending}
              disabled={ending}
              onClick={onEnd}
              aria-label={`End ${name}'s session`}
              className="shrink-0 text-violet-900 hover:bg-violet-100 hover:text-violet-950 dark:text-violet-100 dark:hover:bg-violet-500/20 dark:hover:text-violet-50"
            >
              {ending ? null : <X aria-hidden="true" />}
            </Button>
          </Tip>
        ) : null}
      </div>
    </section>
  );
}
