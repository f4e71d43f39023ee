import type { DetailResponse } from "./types";

/** Whether a control is offered, and if not, the sentence that says why. */
export interface Ability {
  enabled: boolean;
  reason: string | null;
}

export interface AssignAbilities {
  /** No assignment controls at all: Viewers see the owners read-only. */
  readOnly: boolean;
  member: Ability & { onlySelf: boolean };
  team: Ability;
  /** Start an AI agent session ("Assign agent"). */
  agent: Ability;
  /** End the active session: the banner's X and "Unassign agent". False when there is none. */
  endAgent: boolean;
  /** "Assign to me" is offered. */
  claim: boolean;
  /** The per-conversation off switch (Admins and Managers). */
  offSwitch: boolean;
}

const on: Ability = { enabled: true, reason: null };
const off = (reason: string): Ability => ({ enabled: false, reason });

/**
 * Which assignment controls to show for this conversation and viewer. It mirrors the
 * assignment module's rules only to offer the right controls and explain the missing ones;
 * the server decides every request and its answer is what the inbox shows.
 */
export function assignAbilities(detail: DetailResponse): AssignAbilities {
  const { conversation, viewer, assignee, agentSession } = detail;
  const rights = viewer.canReply ? viewer.assign : null;
  if (!rights) {
    const none = off("Your role can read conversations but not assign them.");
    return {
      readOnly: true,
      member: { ...none, onlySelf: false },
      team: none,
      agent: none,
      endAgent: false,
      claim: false,
      offSwitch: false,
    };
  }
  const mine = assignee !== null && assignee.id === viewer.memberId;
  const theirs = assignee !== null && !mine;
  const ownOnly = rights === "own";

  let member: Ability = on;
  if (conversation.kind === "group") {
    member = off("Group conversations cannot have a member assignee. Assign a team instead.");
  } else if (conversation.assignmentDisabled) {
    member = off(
      rights === "any"
        ? "Assignment is off for this conversation. Turn it on in the details to assign someone."
        : "Assignment is off for this conversation.",
    );
  } else if (ownOnly && theirs) {
    member = off(`Assigned to ${assignee.name}. Only Admins and Managers can reassign it.`);
  }

  const team =
    ownOnly && !mine
      ? off(
          theirs
            ? `Assigned to ${assignee.name}. Only Admins and Managers can move it to a team.`
            : "Agents can move only conversations assigned to them. Assign it to yourself first.",
        )
      : on;

  let agent: Ability = on;
  if (conversation.kind === "group") {
    agent = off("Group conversations cannot be handled by an AI agent.");
  } else if (conversation.assignmentDisabled) {
    agent = off(
      rights === "any"
        ? "Assignment is off for this conversation. Turn it on in the details to assign an AI agent."
        : "Assignment is off for this conversation.",
    );
  } else if (conversation.status === "closed") {
    agent = off("Reopen the conversation before assigning an AI agent.");
  } else if (ownOnly && !mine) {
    agent = off(
      theirs
        ? `Assigned to ${assignee.name}. Only Admins and Managers can hand it to an AI agent.`
        : "Agents can hand only their own conversations to an AI agent. Assign it to yourself first.",
    );
  }

  return {
    readOnly: false,
    member: { ...member, onlySelf: ownOnly && assignee === null },
    team,
    agent,
    // An Agent may end the session on their own or an unassigned conversation (which is then
    // routed, or waits in Unassigned, like any unowned one).
    endAgent: agentSession !== null && (!ownOnly || assignee === null || mine),
    claim: member.enabled && assignee === null,
    offSwitch: rights === "any",
  };
}
