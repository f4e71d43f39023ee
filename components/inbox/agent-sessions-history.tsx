"use client";

import { AgentAvatar } from "@/components/ui/agent-avatar";
import { type AgentSessionEntry, sessionSummary } from "./agent-session-text";

/**
 * The drawer's "Agent sessions", newest first: which AI agent handled the conversation, who
 * started it and when, and when and why it ended, in plain words.
 */
export function AgentSessionsHistory({ sessions }: { sessions: AgentSessionEntry[] }) {
  const now = new Date();
  return (
    <ol className="grid gap-3">
      {sessions.map((session) => {
        const { started, ended } = sessionSummary(session, now);
        const active = session.endedAt === null;
        return (
          <li key={session.id} className="flex gap-2.5 text-sm">
            <AgentAvatar avatar={session.agent.avatar} size="sm" className="mt-px" />
            <p className="min-w-0 break-words leading-snug">
              <span className="font-medium">{session.agent.name}</span>
              <span className="text-muted-foreground">
                {" — "}
                {started}
                <span aria-hidden="true"> · </span>
                <span className="sr-only">, </span>
              </span>
              {active ? (
                <span className="font-medium text-violet-700 dark:text-violet-300">{ended}</span>
              ) : (
                <span className="text-muted-foreground">{ended}</span>
              )}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
