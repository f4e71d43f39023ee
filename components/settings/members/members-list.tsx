"use client";

import { LogOut, UserMinus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import {
  changeRoleAction,
  leaveWorkspaceAction,
  removeMemberAction,
} from "@/app/(app)/[workspace]/settings/members/actions";
import { useRunAction } from "@/components/forms/use-run-action";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toaster";
import { can, roleLabels } from "@/lib/auth/permissions";
import { type Role, roles } from "@/lib/auth/roles";
import { AvailabilityControls, loadText } from "./availability-controls";
import { roleHints } from "./role-hints";

export interface MemberListItem {
  id: string;
  name: string;
  email: string;
  image: string | null;
  role: Role;
  status: "online" | "away" | "offline";
  teams: { id: string; name: string }[];
  lastActive: string;
  acceptsChats: boolean;
  capacity: number | null;
  openConversations: number;
}

const statusLabels = { online: "Online", away: "Away", offline: "Offline" } as const;

export function MembersList({
  workspace,
  workspaceName,
  members,
  currentMemberId,
  manage,
}: {
  workspace: string;
  workspaceName: string;
  members: MemberListItem[];
  currentMemberId: string;
  manage: boolean;
}) {
  const router = useRouter();
  const { run, pending } = useRunAction();
  // A role picked in a row's menu waits for a confirmation: arrow keys on a closed menu change
  // its value, and a change to Viewer unassigns the member's open conversations at once.
  const [roleChange, setRoleChange] = useState<{ member: MemberListItem; role: Role } | null>(null);

  async function leave() {
    const result = await leaveWorkspaceAction({ workspace }).catch(() => null);
    if (!result) {
      toast.error("We could not reach the server. Try again.");
      return;
    }
    if (!result.ok) {
      toast.error(result.error.message);
      return;
    }
    toast.success(`You left ${workspaceName}.`);
    router.push(result.data.redirectTo);
    router.refresh();
  }

  return (
    <>
      {roleChange ? (
        <ConfirmDialog
          open
          onOpenChange={(open) => {
            if (!open) setRoleChange(null);
          }}
          title={
            roleChange.member.id === currentMemberId
              ? `Make yourself ${withArticle(roleLabels[roleChange.role])}?`
              : `Make ${roleChange.member.name} ${withArticle(roleLabels[roleChange.role])}?`
          }
          description={roleChangeText(roleChange, roleChange.member.id === currentMemberId)}
          confirmLabel={`Make ${roleLabels[roleChange.role]}`}
          destructive={roleChange.role === "viewer" || roleChange.member.id === currentMemberId}
          onConfirm={async () => {
            const { member, role } = roleChange;
            await run(() => changeRoleAction({ workspace, memberId: member.id, role }), {
              success: `${member.name} is now ${roleLabels[role]}.`,
            });
          }}
        />
      ) : null}
      <ul
        aria-label="Members"
        className="divide-y divide-border rounded-xl border border-border bg-card"
      >
        {members.map((member) => {
          const self = member.id === currentMemberId;
          return (
            <li
              key={member.id}
              className="grid grid-cols-[1fr_auto] items-center gap-x-4 gap-y-2 p-4 sm:grid-cols-[minmax(0,2fr)_8rem_minmax(0,1.3fr)_10rem]"
            >
              <div className="flex min-w-0 items-center gap-3">
                <Avatar name={member.name} image={member.image} status={member.status} decorative />
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium">
                    {member.name}
                    {self ? (
                      <span className="font-normal text-muted-foreground"> (you)</span>
                    ) : null}
                  </p>
                  <p className="truncate text-xs text-muted-foreground">{member.email}</p>
                  <p className="text-xs text-muted-foreground">
                    {statusLabels[member.status]} · active {member.lastActive}
                  </p>
                </div>
              </div>
              <div className="justify-self-end sm:justify-self-start">
                {manage ? (
                  <select
                    aria-label={`Role of ${member.name}`}
                    value={member.role}
                    disabled={pending}
                    onChange={(event) =>
                      setRoleChange({ member, role: event.target.value as Role })
                    }
                    className="h-8 rounded-md border border-input bg-background px-2 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring dark:bg-input/20"
                  >
                    {roles.map((role) => (
                      <option key={role} value={role}>
                        {roleLabels[role]}
                      </option>
                    ))}
                  </select>
                ) : (
                  <Badge variant="secondary">{roleLabels[member.role]}</Badge>
                )}
              </div>
              <div className="flex min-w-0 flex-wrap gap-1">
                {member.teams.length > 0 ? (
                  member.teams.map((team) => (
                    <Badge
                      key={team.id}
                      variant="outline"
                      className="min-w-0 max-w-full"
                      title={team.name}
                    >
                      <span className="truncate">{team.name}</span>
                    </Badge>
                  ))
                ) : (
                  <span className="text-xs text-muted-foreground">No team</span>
                )}
              </div>
              <div className="flex justify-end">
                {self ? (
                  <ConfirmDialog
                    trigger={
                      <Button variant="ghost" size="sm">
                        <LogOut className="size-4" aria-hidden />
                        Leave workspace
                      </Button>
                    }
                    title={`Leave ${workspaceName}?`}
                    description="You lose access at once. Your open conversations become unassigned, and API keys you made stop working. An Admin can invite you again."
                    confirmLabel="Leave workspace"
                    destructive
                    onConfirm={leave}
                  />
                ) : manage ? (
                  <ConfirmDialog
                    trigger={
                      <Button variant="ghost" size="sm" aria-label={`Remove ${member.name}`}>
                        <UserMinus className="size-4" aria-hidden />
                        <span className="sr-only sm:not-sr-only">Remove</span>
                      </Button>
                    }
                    title={`Remove ${member.name}?`}
                    description={`${member.name} loses access to ${workspaceName} at once, including any tab they have open. Their open conversations become unassigned, and API keys they made stop working. Their name stays in the history.`}
                    confirmLabel={`Remove ${member.name}`}
                    destructive
                    onConfirm={async () => {
                      await run(() => removeMemberAction({ workspace, memberId: member.id }), {
                        success: `${member.name} was removed.`,
                      });
                    }}
                  />
                ) : null}
              </div>
              <div className="col-span-2 flex flex-wrap items-center gap-x-4 gap-y-2 sm:col-span-4 sm:pl-11">
                <p className="flex items-center gap-2 text-sm tabular-nums">
                  <span>{loadText(member)}</span>
                  {member.capacity !== null && member.openConversations >= member.capacity ? (
                    <Badge variant="warning">
                      {member.openConversations > member.capacity ? "Over capacity" : "At capacity"}
                    </Badge>
                  ) : null}
                </p>
                {!can(member.role, "conversations.reply") ? (
                  <span className="text-muted-foreground text-xs">
                    Viewers are not sent conversations.
                  </span>
                ) : manage ? (
                  <AvailabilityControls
                    key={`${member.id}:${member.capacity}`}
                    workspace={workspace}
                    member={member}
                  />
                ) : (
                  <span className="text-muted-foreground text-xs">
                    {member.capacity === null ? "No capacity limit" : `Capacity ${member.capacity}`}{" "}
                    · {member.acceptsChats ? "accepts chats" : "not accepting chats"}
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}

const withArticle = (label: string) => `${/^[AEIOU]/.test(label) ? "an" : "a"} ${label}`;

/** What the change means, in a sentence or two: what the role may do, and what it costs now. */
function roleChangeText(
  { member, role }: { member: MemberListItem; role: Role },
  self: boolean,
): string {
  const who = self ? "You" : member.name;
  const parts = [
    `${roleLabels[role]}s: ${roleHints[role].charAt(0).toLowerCase()}${roleHints[role].slice(1)}`,
  ];
  const replies = can(member.role, "conversations.reply");
  if (replies && !can(role, "conversations.reply") && member.openConversations > 0) {
    const n = member.openConversations;
    parts.push(
      `${who} ${self ? "have" : "has"} ${n} open conversation${n === 1 ? "" : "s"}; ${n === 1 ? "it becomes" : "they become"} unassigned at once and ${n === 1 ? "is" : "are"} routed again when routing is on.`,
    );
  }
  if (self && member.role === "admin" && role !== "admin") {
    parts.push("You lose Admin rights at once and cannot undo this yourself.");
  }
  if (can(member.role, "workspace.manage") && !can(role, "workspace.manage")) {
    parts.push(`API keys ${self ? "you" : "they"} made stop working.`);
  }
  return parts.join(" ");
}
