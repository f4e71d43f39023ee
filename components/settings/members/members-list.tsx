"use client";

import { LogOut, UserMinus } from "lucide-react";
import { useRouter } from "next/navigation";
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

  async function leave() {
    const result = await leaveWorkspaceAction({ workspace });
    if (!result.ok) {
      toast.error(result.error.message);
      return;
    }
    toast.success(`You left ${workspaceName}.`);
    router.push(result.data.redirectTo);
    router.refresh();
  }

  return (
    <ul
      aria-label="Members"
      className="divide-y divide-border rounded-xl border border-border bg-card"
    >
      {members.map((member) => {
        const self = member.id === currentMemberId;
        return (
          <li
            key={member.id}
            className="grid grid-cols-[1fr_auto] items-center gap-x-4 gap-y-2 p-4 sm:grid-cols-[minmax(0,2fr)_8rem_minmax(0,1.3fr)_auto]"
          >
            <div className="flex min-w-0 items-center gap-3">
              <Avatar name={member.name} image={member.image} status={member.status} decorative />
              <div className="min-w-0">
                <p className="truncate text-sm font-medium">
                  {member.name}
                  {self ? <span className="font-normal text-muted-foreground"> (you)</span> : null}
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
                    run(
                      () =>
                        changeRoleAction({
                          workspace,
                          memberId: member.id,
                          role: event.target.value as Role,
                        }),
                      {
                        success: `${member.name} is now ${roleLabels[event.target.value as Role]}.`,
                      },
                    )
                  }
                  className="h-8 rounded-md border border-input bg-background px-2 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
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
            <div className="col-span-2 flex flex-wrap gap-1 sm:col-span-1">
              {member.teams.length > 0 ? (
                member.teams.map((team) => (
                  <Badge key={team.id} variant="outline">
                    {team.name}
                  </Badge>
                ))
              ) : (
                <span className="text-xs text-muted-foreground">No team</span>
              )}
            </div>
            <div className="col-span-2 flex justify-end sm:col-span-1">
              {self ? (
                <ConfirmDialog
                  trigger={
                    <Button variant="ghost" size="sm">
                      <LogOut className="size-4" aria-hidden />
                      Leave workspace
                    </Button>
                  }
                  title={`Leave ${workspaceName}?`}
                  description="You lose access at once. Your open conversations become unassigned. An Admin can invite you again."
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
                  description={`${member.name} loses access to ${workspaceName} at once, including any tab they have open. Their open conversations become unassigned. Their name stays in the history.`}
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
                  {member.capacity === null ? "No capacity limit" : `Capacity ${member.capacity}`} ·{" "}
                  {member.acceptsChats ? "accepts chats" : "not accepting chats"}
                </span>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
