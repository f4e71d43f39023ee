"use client";

import { UsersRound } from "lucide-react";
import { type ReactElement, useState } from "react";
import { Avatar } from "@/components/ui/avatar";
import { roleLabels } from "@/lib/auth/permissions";
import type { AssignAbilities } from "./assignment-rules";
import { OwnerPicker, type PickerOption } from "./owner-picker";
import type { AssigneeOption, TeamAssigneeOption } from "./types";
import { useAssignees } from "./use-assignment";

const statusLabels = { online: "Online", away: "Away", offline: "Offline" } as const;

/** "3 open", or "3/5" against a capacity. */
export function loadText(member: Pick<AssigneeOption, "openConversations" | "capacity">) {
  return member.capacity === null
    ? `${member.openConversations} open`
    : `${member.openConversations}/${member.capacity}`;
}

function loadDescription(member: AssigneeOption) {
  return member.capacity === null
    ? `${member.openConversations} open conversations`
    : `${member.openConversations} of ${member.capacity} open conversations`;
}

const routingLabels: Record<TeamAssigneeOption["effectiveMode"], string> = {
  manual: "Manual",
  balanced: "Balanced",
  round_robin: "Round robin",
};

function teamRouting(team: TeamAssigneeOption) {
  const mode = routingLabels[team.effectiveMode];
  return team.routingMode === "inherit" ? `${mode} (workspace)` : mode;
}

function memberOption(
  member: AssigneeOption,
  { me, currentId, onlySelf }: { me: string; currentId: string | null; onlySelf: boolean },
): PickerOption {
  const you = member.id === me;
  const full = member.capacity !== null && member.openConversations >= member.capacity;
  const notes = [
    roleLabels[member.role],
    statusLabels[member.status],
    loadDescription(member),
    member.acceptsChats ? null : "not accepting chats",
  ];
  return {
    id: member.id,
    label: you ? `${member.name} (you)` : member.name,
    description: notes.filter(Boolean).join(", "),
    current: member.id === currentId,
    unavailable:
      onlySelf && !you ? "Agents can take unassigned conversations for themselves only" : null,
    content: (
      <span className="flex items-center gap-2.5">
        <Avatar
          name={member.name}
          image={member.image}
          size="sm"
          status={member.status}
          decorative
        />
        <span className="flex min-w-0 flex-1 flex-col leading-tight">
          <span className="truncate font-medium">
            {member.name}
            {you ? <span className="font-normal text-muted-foreground"> (you)</span> : null}
          </span>
          <span className="truncate text-muted-foreground text-xs">
            {roleLabels[member.role]} · {statusLabels[member.status]}
            {member.acceptsChats ? "" : " · not accepting chats"}
          </span>
        </span>
        <span
          className={
            full
              ? "shrink-0 rounded bg-warning/15 px-1.5 font-medium text-[11px] text-warning tabular-nums leading-5"
              : "shrink-0 text-muted-foreground text-xs tabular-nums"
          }
          title={loadDescription(member)}
        >
          {loadText(member)}
        </span>
      </span>
    ),
  };
}

interface PickerProps {
  slug: string;
  me: string;
  abilities: AssignAbilities;
  trigger: ReactElement;
  tip?: string;
  align?: "start" | "end";
}

/** Assign user: everyone who may reply, with status and load; "Unassign" when someone is. */
export function MemberPicker({
  slug,
  me,
  abilities,
  assignee,
  onAssign,
  onUnassign,
  ...props
}: PickerProps & {
  assignee: { id: string; name: string } | null;
  onAssign: (memberId: string) => void;
  onUnassign: () => void;
}) {
  const [open, setOpen] = useState(false);
  const assignees = useAssignees(slug, open);
  const options = (assignees.data?.members ?? []).map((member) =>
    memberOption(member, {
      me,
      currentId: assignee?.id ?? null,
      onlySelf: abilities.member.onlySelf,
    }),
  );
  return (
    <OwnerPicker
      {...props}
      title="Assign user"
      searchLabel="Search people"
      placeholder="Search people…"
      open={open}
      onOpenChange={setOpen}
      options={options}
      loading={assignees.isPending}
      error={assignees.error?.message ?? null}
      unassignLabel={assignee ? `Unassign ${assignee.name}` : null}
      onChoose={(id) => {
        if (id !== assignee?.id) onAssign(id);
      }}
      onUnassign={onUnassign}
      emptyText="Nobody here can take conversations yet."
      noMatch="Nobody"
      footer={
        abilities.member.onlySelf
          ? "You can take this one yourself. Admins and Managers can assign anyone."
          : undefined
      }
    />
  );
}

/** Assign team: every team with its routing; a routing team picks a member for you. */
export function TeamPicker({
  slug,
  team,
  onAssign,
  onUnassign,
  ...props
}: PickerProps & {
  team: { id: string; name: string } | null;
  onAssign: (teamId: string) => void;
  onUnassign: () => void;
}) {
  const [open, setOpen] = useState(false);
  const assignees = useAssignees(slug, open);
  const options = (assignees.data?.teams ?? []).map(
    (option): PickerOption => ({
      id: option.id,
      label: option.name,
      description: `${teamRouting(option)} routing, ${option.memberCount} members`,
      current: option.id === team?.id,
      content: (
        <span className="flex items-center gap-2.5">
          <span className="flex size-6 shrink-0 items-center justify-center rounded-md bg-muted text-muted-foreground">
            <UsersRound aria-hidden="true" className="size-3.5" />
          </span>
          <span className="flex min-w-0 flex-1 flex-col leading-tight">
            <span className="truncate font-medium">{option.name}</span>
            <span className="truncate text-muted-foreground text-xs">
              {teamRouting(option)} · {option.memberCount}{" "}
              {option.memberCount === 1 ? "member" : "members"}
            </span>
          </span>
        </span>
      ),
    }),
  );
  return (
    <OwnerPicker
      {...props}
      title="Assign team"
      searchLabel="Search teams"
      placeholder="Search teams…"
      open={open}
      onOpenChange={setOpen}
      options={options}
      loading={assignees.isPending}
      error={assignees.error?.message ?? null}
      unassignLabel={team ? `Remove team ${team.name}` : null}
      onChoose={onAssign}
      onUnassign={onUnassign}
      emptyText="No teams yet. Admins and Managers create them in Settings → Teams."
      noMatch="No team"
      footer="A team with balanced or round-robin routing picks its next member for you."
    />
  );
}
