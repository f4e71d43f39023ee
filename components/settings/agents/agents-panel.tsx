import { Bot, ChevronRight } from "lucide-react";
import Link from "next/link";
import { AgentAvatar } from "@/components/ui/agent-avatar";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { AgentListItem } from "@/lib/agents/list-agents";
import { plural } from "./copy";
import { NewAgentDialog } from "./new-agent-dialog";

/** Settings → AI agents: every agent of the workspace, each linking to its page. */
export function AgentsPanel({
  workspace,
  agents,
  teams,
}: {
  workspace: string;
  agents: AgentListItem[];
  teams: { id: string; name: string }[];
}) {
  const newAgent = <NewAgentDialog workspace={workspace} teams={teams} />;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h2 className="font-semibold text-lg tracking-tight">AI agents</h2>
          <p className="max-w-prose text-muted-foreground text-sm">
            An AI agent answers customers from its instructions and knowledge while it handles a
            conversation, and hands off to a team when it cannot help.
          </p>
        </div>
        {/* With no agents yet, the empty state carries the button instead. */}
        {agents.length > 0 ? newAgent : null}
      </div>

      {agents.length === 0 ? (
        <EmptyState
          icon={Bot}
          headingAs="h3"
          title="No AI agents yet"
          description="Create an agent, teach it your answers, then assign it to conversations from the inbox. It replies at once, day and night, and passes the conversation to a person when it is unsure."
          action={newAgent}
          className="rounded-lg border border-border border-dashed bg-card"
        />
      ) : (
        <ul
          aria-label="AI agents"
          className="divide-y divide-border rounded-lg border border-border bg-card shadow-xs"
        >
          {agents.map((agent) => {
            const href = `/${workspace}/settings/agents/${agent.id}`;
            return (
              <li
                key={agent.id}
                className="relative flex items-center gap-3 p-4 transition-colors focus-within:bg-accent/40 hover:bg-accent/40 sm:px-5"
              >
                <AgentAvatar avatar={agent.avatar} size="lg" />
                <div className="min-w-0 flex-1">
                  <h3 className="truncate font-medium leading-tight">
                    {/* The whole row is the link's target; the link itself names the agent. */}
                    <Link
                      href={href}
                      className="rounded-sm after:absolute after:inset-0 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                    >
                      {agent.name}
                    </Link>
                  </h3>
                  <p className="mt-1 truncate text-muted-foreground text-sm">
                    {agent.handoffTeamName
                      ? `Hands off to ${agent.handoffTeamName}`
                      : "Hands off to Unassigned"}
                  </p>
                  <div className="mt-2 flex flex-wrap gap-1.5">
                    <Badge variant="secondary">
                      {plural(agent.knowledgeCount, "knowledge entry", "knowledge entries")}
                    </Badge>
                    <Badge variant={agent.activeSessionCount > 0 ? "success" : "outline"}>
                      {plural(agent.activeSessionCount, "active session", "active sessions")}
                    </Badge>
                  </div>
                </div>
                <span
                  aria-hidden="true"
                  className="hidden items-center gap-1 font-medium text-muted-foreground text-sm sm:inline-flex"
                >
                  Edit
                  <ChevronRight className="size-4" />
                </span>
                <ChevronRight
                  aria-hidden="true"
                  className="size-4 text-muted-foreground sm:hidden"
                />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
