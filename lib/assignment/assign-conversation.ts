import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Conversation, conversations, teams } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { scopeCondition, type Viewer } from "@/lib/conversations/viewer";
import { AppError, notFound } from "@/lib/errors";
import { assignableMember } from "./assignable-member";
import { drainQueue } from "./drain-queue";
import { memberName } from "./member-name";
import { notifyAssignee } from "./notify-assignee";
import { type RouteOutcome, routeConversation } from "./route-conversation";
import { lockRouting } from "./routing-lock";
import { findPool } from "./routing-pool";
import { writeOwnership } from "./write-ownership";

/** The owners of a conversation after an operation, as every caller reports them. */
export interface AssignmentResult {
  conversation: Conversation;
  changed: boolean;
  routed: RouteOutcome | null;
}

type Rights = "any" | "own";

/** Admins and Managers (and API keys) assign anything; Agents claim and pass on their own. */
function rightsOf(viewer: Viewer): Rights | null {
  if (!viewer.member) return "any";
  if (can(viewer.member.role, "conversations.assign.any")) return "any";
  if (can(viewer.member.role, "conversations.claim")) return "own";
  return null;
}

export function requireRights(viewer: Viewer): Rights {
  const rights = rightsOf(viewer);
  if (!rights) {
    throw new AppError("forbidden", "Your role can read conversations but not assign them.");
  }
  return rights;
}

/** The conversation, locked for this transaction, if the viewer may see it. */
export async function lockVisible(tx: Database, viewer: Viewer, conversationId: string) {
  const [conversation] = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), scopeCondition(viewer)))
    .for("update");
  if (!conversation) throw notFound("That conversation");
  return conversation;
}

/**
 * For "Assign to me": the conversation, locked. An Agent who saw it waiting in the no-team
 * Unassigned queue and lost the race can no longer see it (it is someone else's now), so the
 * scope alone would answer 404; they are told who took it instead (rule 3).
 */
async function lockClaimable(tx: Database, viewer: Viewer, conversationId: string) {
  const [conversation] = await tx
    .select()
    .from(conversations)
    .where(
      and(eq(conversations.id, conversationId), eq(conversations.workspaceId, viewer.workspace.id)),
    )
    .for("update");
  if (!conversation) throw notFound("That conversation");
  const takenFromQueue =
    conversation.assigneeId !== null &&
    conversation.teamId === null &&
    viewer.workspace.agentsSeeUnassigned;
  if (takenFromQueue) return conversation;
  const [visible] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), scopeCondition(viewer)));
  if (!visible) throw notFound("That conversation");
  return conversation;
}

function refuseMemberAssignee(conversation: Conversation) {
  if (conversation.kind === "group") {
    throw new AppError(
      "validation",
      "Group conversations cannot have a member assignee. Assign a team instead.",
    );
  }
  if (conversation.assignmentDisabled) {
    throw new AppError(
      "conflict",
      "Assignment is turned off for this conversation. Turn it on in the details first.",
    );
  }
}

const alreadyAssigned = (name: string, memberId: string) =>
  new AppError("already_assigned", `${name} took this one.`, undefined, {
    assignee: { id: memberId, name },
  });

/**
 * "Assign to me" on an unassigned conversation. Concurrent claims queue on the row lock;
 * the first wins and every later one gets `already_assigned` naming the winner.
 */
export async function claimConversation(
  db: Database,
  {
    viewer,
    conversationId,
    now = new Date(),
  }: { viewer: Viewer; conversationId: string; now?: Date },
): Promise<AssignmentResult> {
  requireRights(viewer);
  const me = viewer.member;
  if (!me) throw new AppError("validation", "An API key cannot claim; assign a member instead.");
  return db.transaction(async (tx) => {
    const conversation = await lockClaimable(tx, viewer, conversationId);
    if (conversation.assigneeId === me.id) return { conversation, changed: false, routed: null };
    if (conversation.assigneeId) {
      throw alreadyAssigned(await memberName(tx, conversation.assigneeId), conversation.assigneeId);
    }
    refuseMemberAssignee(conversation);
    await lockRouting(tx, viewer.workspace.id);
    // Still a member who may reply, now that no removal or role change can commit meanwhile.
    const claimer = await assignableMember(tx, viewer.workspace.id, me.id);
    const updated = await writeOwnership(tx, {
      conversation,
      patch: { assigneeId: me.id, queuedAt: null },
      events: [
        {
          type: "assigned",
          actorMemberId: me.id,
          data: { from: null, to: me.id, toName: claimer.name, via: "claim" },
        },
      ],
      now,
    });
    return { conversation: updated, changed: true, routed: null };
  });
}

/**
 * Makes a member the assignee, replacing whoever was. Admins and Managers may assign anyone;
 * an Agent may claim an unassigned conversation for themselves or hand their own to someone.
 */
export async function assignMember(
  db: Database,
  {
    viewer,
    conversationId,
    memberId,
    now = new Date(),
  }: { viewer: Viewer; conversationId: string; memberId: string; now?: Date },
): Promise<AssignmentResult> {
  const rights = requireRights(viewer);
  const actorId = viewer.member?.id ?? null;
  return db.transaction(async (tx) => {
    const conversation =
      rights === "own" && memberId === actorId
        ? await lockClaimable(tx, viewer, conversationId)
        : await lockVisible(tx, viewer, conversationId);
    if (rights === "own") {
      const claiming = memberId === actorId && conversation.assigneeId === null;
      const handingOn = conversation.assigneeId !== null && conversation.assigneeId === actorId;
      if (!claiming && !handingOn) {
        if (conversation.assigneeId && memberId === actorId) {
          throw alreadyAssigned(
            await memberName(tx, conversation.assigneeId),
            conversation.assigneeId,
          );
        }
        throw new AppError(
          "forbidden",
          "Agents can take unassigned conversations and pass on their own; ask a Manager to reassign this one.",
        );
      }
    }
    if (conversation.assigneeId === memberId) return { conversation, changed: false, routed: null };
    refuseMemberAssignee(conversation);
    await lockRouting(tx, viewer.workspace.id);
    const target = await assignableMember(tx, viewer.workspace.id, memberId);
    const updated = await writeOwnership(tx, {
      conversation,
      patch: { assigneeId: target.id, queuedAt: null },
      events: [
        {
          type: "assigned",
          actorMemberId: actorId,
          data: {
            from: conversation.assigneeId,
            to: target.id,
            toName: target.name,
            via: target.id === actorId && conversation.assigneeId === null ? "claim" : "manual",
          },
        },
      ],
      now,
    });
    await notifyAssignee(tx, {
      conversation: updated,
      memberId: target.id,
      actorMemberId: actorId,
      via: "manual",
    });
    // The previous assignee has room again: someone's waiting conversation may now fit.
    if (conversation.assigneeId) await drainQueue(tx, { workspace: viewer.workspace, now });
    return { conversation: updated, changed: true, routed: null };
  });
}

/**
 * Gives the conversation a team (replacing any). When the team routes (balanced or round
 * robin), a member of it is chosen by that mode and replaces the current assignee; with
 * manual routing the assignee stays and the team's queue shows it.
 */
export async function assignTeam(
  db: Database,
  {
    viewer,
    conversationId,
    teamId,
    now = new Date(),
  }: { viewer: Viewer; conversationId: string; teamId: string; now?: Date },
): Promise<AssignmentResult> {
  const rights = requireRights(viewer);
  const actorId = viewer.member?.id ?? null;
  return db.transaction(async (tx) => {
    const conversation = await lockVisible(tx, viewer, conversationId);
    if (rights === "own" && conversation.assigneeId !== actorId) {
      throw new AppError(
        "forbidden",
        "Agents can pass on only conversations assigned to them; ask a Manager to move this one.",
      );
    }
    // Key-share locked before the routing lock: writing team_id takes this lock anyway, and a
    // team change (lib/teams: the team row, then the routing lock) must not be waited for
    // while this transaction holds the routing lock — the two would deadlock.
    const [team] = await tx
      .select({ id: teams.id, name: teams.name, routingMode: teams.routingMode })
      .from(teams)
      .where(and(eq(teams.id, teamId), eq(teams.workspaceId, viewer.workspace.id)))
      .for("key share");
    if (!team) throw notFound("That team");
    const pool = await findPool(tx, viewer.workspace, team.id);
    const reroute =
      pool.strategy !== null && conversation.kind === "direct" && !conversation.assignmentDisabled;
    if (conversation.teamId === team.id && !reroute) {
      return { conversation, changed: false, routed: null };
    }
    if (reroute) await lockRouting(tx, viewer.workspace.id);
    const withTeam = await writeOwnership(tx, {
      conversation,
      patch: {
        teamId: team.id,
        ...(reroute ? { assigneeId: null, queuedAt: null } : {}),
      },
      events: [
        {
          type: "team_assigned",
          actorMemberId: actorId,
          data: {
            from: conversation.teamId,
            to: team.id,
            toName: team.name,
            ...(reroute && conversation.assigneeId ? { unassigned: conversation.assigneeId } : {}),
          },
        },
      ],
      now,
    });
    if (!reroute) return { conversation: withTeam, changed: true, routed: null };
    const routed = await routeConversation(tx, {
      workspace: viewer.workspace,
      conversation: withTeam,
      trigger: "team_assigned",
      actorMemberId: actorId,
      now,
    });
    if (
      conversation.assigneeId &&
      conversation.assigneeId !== (routed.kind === "assigned" ? routed.memberId : null)
    ) {
      await drainQueue(tx, { workspace: viewer.workspace, now });
    }
    return { conversation: routed.conversation, changed: true, routed };
  });
}

/**
 * Takes the member or the team off the conversation. An unassigned conversation waits in
 * Unassigned for someone to claim it; it is not routed straight back.
 */
export async function unassignConversation(
  db: Database,
  {
    viewer,
    conversationId,
    what,
    now = new Date(),
  }: { viewer: Viewer; conversationId: string; what: "member" | "team"; now?: Date },
): Promise<AssignmentResult> {
  const rights = requireRights(viewer);
  const actorId = viewer.member?.id ?? null;
  return db.transaction(async (tx) => {
    const conversation = await lockVisible(tx, viewer, conversationId);
    if (rights === "own" && conversation.assigneeId !== actorId) {
      throw new AppError(
        "forbidden",
        "Agents can unassign only conversations assigned to them; ask a Manager.",
      );
    }
    if (what === "member") {
      if (!conversation.assigneeId) return { conversation, changed: false, routed: null };
      await lockRouting(tx, viewer.workspace.id);
      const updated = await writeOwnership(tx, {
        conversation,
        patch: { assigneeId: null },
        events: [
          {
            type: "unassigned",
            actorMemberId: actorId,
            data: {
              from: conversation.assigneeId,
              fromName: await memberName(tx, conversation.assigneeId),
            },
          },
        ],
        now,
      });
      await drainQueue(tx, { workspace: viewer.workspace, now });
      return { conversation: updated, changed: true, routed: null };
    }
    if (!conversation.teamId) return { conversation, changed: false, routed: null };
    const updated = await writeOwnership(tx, {
      conversation,
      patch: { teamId: null },
      events: [
        { type: "team_unassigned", actorMemberId: actorId, data: { from: conversation.teamId } },
      ],
      now,
    });
    // A queued conversation now waits in the workspace's pool, which may route differently.
    const routed = updated.queuedAt
      ? await routeConversation(tx, {
          workspace: viewer.workspace,
          conversation: updated,
          trigger: "queue",
          actorMemberId: actorId,
          now,
        })
      : null;
    return { conversation: routed?.conversation ?? updated, changed: true, routed };
  });
}

/**
 * The per-conversation off switch (Admins and Managers). Off: routing and assignment leave it
 * alone (the current owner stays). Back on: an unowned conversation is routed at once.
 */
export async function setAssignmentDisabled(
  db: Database,
  {
    viewer,
    conversationId,
    disabled,
    now = new Date(),
  }: { viewer: Viewer; conversationId: string; disabled: boolean; now?: Date },
): Promise<AssignmentResult> {
  if (requireRights(viewer) !== "any") {
    throw new AppError("forbidden", "Only Admins and Managers can turn assignment on or off.");
  }
  const actorId = viewer.member?.id ?? null;
  return db.transaction(async (tx) => {
    const conversation = await lockVisible(tx, viewer, conversationId);
    if (conversation.assignmentDisabled === disabled) {
      return { conversation, changed: false, routed: null };
    }
    const updated = await writeOwnership(tx, {
      conversation,
      patch: { assignmentDisabled: disabled, ...(disabled ? { queuedAt: null } : {}) },
      events: [
        {
          type: disabled ? "assignment_disabled" : "assignment_enabled",
          actorMemberId: actorId,
          data: {},
        },
      ],
      now,
    });
    const routed = disabled
      ? null
      : await routeConversation(tx, {
          workspace: viewer.workspace,
          conversation: updated,
          trigger: "assignment_enabled",
          actorMemberId: actorId,
          now,
        });
    return { conversation: routed?.conversation ?? updated, changed: true, routed };
  });
}
