"use client";

import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type AssignmentOutcome,
  assignAgentAction,
  assignMemberAction,
  assignTeamAction,
  claimAction,
  endAgentSessionAction,
  setAssignmentDisabledAction,
  unassignAction,
} from "@/app/(app)/[workspace]/inbox/actions";
import { toast } from "@/components/ui/toaster";
import type { Result } from "@/lib/errors";
import { fetchJson, inboxKeys, retryTransient } from "./api";
import { type AssignAbilities, assignAbilities } from "./assignment-rules";
import type { Assignees, DetailResponse } from "./types";
import { patchListItem } from "./use-inbox-data";

/** A refused action, keeping the code so "already assigned" can be told from the rest. */
export class ActionError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ActionError";
    this.code = code;
  }
}

async function run<T>(call: () => Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call();
  } catch (cause) {
    throw new ActionError(
      "network",
      "We could not reach the server. Check your connection and try again.",
      { cause },
    );
  }
  if (!result.ok) throw new ActionError(result.error.code, result.error.message);
  return result.data;
}

const assigneesUrl = (slug: string) => `/api/workspaces/${encodeURIComponent(slug)}/assignees`;
export const assigneesKey = (slug: string) => ["inbox", slug, "assignees"] as const;

/** Who the pickers offer, with status and load: fetched when a picker opens, kept briefly. */
export function useAssignees(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: assigneesKey(slug),
    queryFn: ({ signal }) => fetchJson<Assignees>(assigneesUrl(slug), signal),
    enabled,
    staleTime: 10_000,
    retry: retryTransient,
  });
}

/** Shows the new owners at once in the open conversation and in every cached list. */
function applyOwners(
  queryClient: QueryClient,
  slug: string,
  outcome: AssignmentOutcome,
  variables: Variables,
) {
  const { conversationId, assignee, team, assignmentDisabled } = outcome;
  queryClient.setQueryData<DetailResponse>(
    inboxKeys.detail(slug, conversationId),
    (data) =>
      data && {
        ...data,
        assignee: assignee && { ...assignee, email: data.assignee?.email ?? "" },
        team,
        // An ended session leaves at once (banner, header); a new one arrives with the refetch.
        ...(variables.kind === "endAgent" ? { agentSession: null } : {}),
        conversation: {
          ...data.conversation,
          assigneeId: assignee?.id ?? null,
          teamId: team?.id ?? null,
          assignmentDisabled,
          ...(variables.kind === "endAgent" ? { agentSessionId: null } : {}),
        },
      },
  );
  patchListItem(queryClient, slug, conversationId, {
    assignee: assignee && { id: assignee.id, name: assignee.name, image: assignee.image },
    team,
    ...(variables.kind === "endAgent" ? { aiHandled: false } : {}),
  });
}

type Variables =
  | { kind: "claim"; conversationId: string }
  | { kind: "assign"; conversationId: string; memberId: string }
  | { kind: "team"; conversationId: string; teamId: string }
  | { kind: "unassign"; conversationId: string; what: "member" | "team" }
  | { kind: "switch"; conversationId: string; disabled: boolean }
  | {
      kind: "agent";
      conversationId: string;
      agentId: string;
      agentName: string;
      sendInitialMessage: boolean;
    }
  | {
      kind: "endAgent";
      conversationId: string;
      agentName: string;
      reason: "ended_by_member" | "unassigned";
    };

function perform(slug: string, variables: Variables): Promise<AssignmentOutcome> {
  const workspace = slug;
  const { conversationId } = variables;
  switch (variables.kind) {
    case "claim":
      return run(() => claimAction({ workspace, conversationId }));
    case "assign":
      return run(() =>
        assignMemberAction({ workspace, conversationId, memberId: variables.memberId }),
      );
    case "team":
      return run(() => assignTeamAction({ workspace, conversationId, teamId: variables.teamId }));
    case "unassign":
      return run(() => unassignAction({ workspace, conversationId, what: variables.what }));
    case "switch":
      return run(() =>
        setAssignmentDisabledAction({ workspace, conversationId, disabled: variables.disabled }),
      );
    case "agent":
      return run(() =>
        assignAgentAction({
          workspace,
          conversationId,
          agentId: variables.agentId,
          sendInitialMessage: variables.sendInitialMessage,
        }),
      );
    case "endAgent":
      return run(() =>
        endAgentSessionAction({ workspace, conversationId, reason: variables.reason }),
      );
  }
}

/** What happened, in the words of a toast. */
function successText(variables: Variables, outcome: AssignmentOutcome, me: string): string {
  const assignee = outcome.assignee;
  switch (variables.kind) {
    case "claim":
      return "Assigned to you";
    case "assign":
      return assignee?.id === me ? "Assigned to you" : `Assigned to ${assignee?.name ?? "them"}`;
    case "team": {
      const name = outcome.team?.name ?? "the team";
      if (outcome.routed === "assigned" && assignee) {
        return `Team ${name}: routed to ${assignee.name}`;
      }
      if (outcome.routed === "queued") return `Team ${name}: waiting for an available member`;
      return outcome.changed ? `Assigned to team ${name}` : `Already with team ${name}`;
    }
    case "unassign":
      return variables.what === "member" ? "Unassigned" : "Team removed";
    case "switch":
      return variables.disabled
        ? "Assignment is off for this conversation"
        : outcome.routed === "assigned" && assignee
          ? `Assignment is on: routed to ${assignee.name}`
          : "Assignment is on for this conversation";
    case "agent":
      return outcome.changed
        ? `${variables.agentName} is handling this conversation`
        : `${variables.agentName} is already handling this conversation`;
    case "endAgent":
      if (!outcome.changed) return "The session had already ended";
      return variables.reason === "unassigned"
        ? `${variables.agentName} unassigned; the session ended`
        : "Session ended";
  }
}

/**
 * Claim, assign, team, unassign, the off switch and AI agent sessions, for any conversation of the workspace
 * (the list's "Assign to me" and the open conversation share it). Success shows the new owners
 * everywhere at once, then refetches lists, counts and history; a lost claim race says who won.
 */
export function useAssignment(slug: string, me: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (variables: Variables) => perform(slug, variables),
    onSuccess: (outcome, variables) => {
      applyOwners(queryClient, slug, outcome, variables);
      toast.success(successText(variables, outcome, me));
    },
    onError: (error) => {
      // "Sam took this one.": the message names the winner; the refetch shows them.
      toast.error(error.message);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.all(slug) }),
  });
}

export type AssignmentMutation = ReturnType<typeof useAssignment>;
export type AssignmentVariables = Variables;

/** Everything the header and the drawer need to show and change who owns a conversation. */
export interface OwnershipControls {
  slug: string;
  me: string;
  abilities: AssignAbilities;
  assignee: DetailResponse["assignee"];
  team: DetailResponse["team"];
  /** The AI agent handling the conversation now, if any. */
  agentSession: DetailResponse["agentSession"];
  assignmentDisabled: boolean;
  why: DetailResponse["why"];
  /** The change on its way, if any: its controls show a spinner and others wait. */
  pending: AssignmentVariables["kind"] | null;
  claim: () => void;
  assign: (memberId: string) => void;
  assignTeam: (teamId: string) => void;
  unassign: (what: "member" | "team") => void;
  setDisabled: (disabled: boolean) => void;
  assignAgent: (agent: { id: string; name: string }, sendInitialMessage: boolean) => void;
  endAgentSession: (reason: "ended_by_member" | "unassigned") => void;
}

/** The controls of one loaded conversation, over the pane's `useAssignment` mutation. */
export function ownershipControls({
  slug,
  me,
  detail,
  mutation,
}: {
  slug: string;
  me: string;
  detail: DetailResponse;
  mutation: AssignmentMutation;
}): OwnershipControls {
  const conversationId = detail.conversation.id;
  return {
    slug,
    me,
    abilities: assignAbilities(detail),
    assignee: detail.assignee,
    team: detail.team,
    agentSession: detail.agentSession,
    assignmentDisabled: detail.conversation.assignmentDisabled,
    why: detail.why,
    pending: mutation.isPending ? (mutation.variables?.kind ?? null) : null,
    claim: () => mutation.mutate({ kind: "claim", conversationId }),
    assign: (memberId) => mutation.mutate({ kind: "assign", conversationId, memberId }),
    assignTeam: (teamId) => mutation.mutate({ kind: "team", conversationId, teamId }),
    unassign: (what) => mutation.mutate({ kind: "unassign", conversationId, what }),
    setDisabled: (disabled) => mutation.mutate({ kind: "switch", conversationId, disabled }),
    assignAgent: (agent, sendInitialMessage) =>
      mutation.mutate({
        kind: "agent",
        conversationId,
        agentId: agent.id,
        agentName: agent.name,
        sendInitialMessage,
      }),
    endAgentSession: (reason) =>
      mutation.mutate({
        kind: "endAgent",
        conversationId,
        agentName: detail.agentSession?.agent.name ?? "The AI agent",
        reason,
      }),
  };
}
