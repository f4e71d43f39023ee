import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { memberStatusStyles } from "@/components/ui/status-dot";
import type { MemberRoutingState } from "@/lib/assignment/routing-overview";
import { skipReasonLabels } from "@/lib/assignment/routing-rules";
import { roleLabels } from "@/lib/auth/permissions";
import { formatRelative } from "@/lib/format";

export function loadLabel(member: Pick<MemberRoutingState, "openConversations" | "capacity">) {
  return member.capacity === null
    ? `${member.openConversations} open`
    : `${member.openConversations}/${member.capacity} open`;
}

/** Every active member, as routing sees them now: eligible, or skipped and why. */
export function EligibilityList({ members, now }: { members: MemberRoutingState[]; now: Date }) {
  return (
    <ul aria-label="Eligibility" className="divide-y divide-border rounded-lg border border-border">
      {members.map((member) => {
        const reason = member.skipReason;
        return (
          <li
            key={member.memberId}
            className="grid grid-cols-[auto_minmax(0,1fr)] items-center gap-x-3 gap-y-1.5 px-3 py-2.5 sm:grid-cols-[auto_minmax(0,1fr)_auto] sm:px-4"
          >
            <Avatar
              name={member.name}
              image={member.image}
              size="md"
              status={member.status}
              decorative
            />
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium text-sm">{member.name}</p>
              <p className="truncate text-muted-foreground text-xs">
                {roleLabels[member.role]} · {memberStatusStyles[member.status].label} ·{" "}
                {loadLabel(member)}
                {member.acceptsChats ? "" : " · not accepting chats"}
              </p>
            </div>
            <div className="col-start-2 flex flex-wrap items-center gap-x-2 gap-y-0.5 sm:col-start-3 sm:flex-col sm:items-end">
              {reason === null ? (
                <Badge variant="success">Eligible</Badge>
              ) : (
                <Badge variant="outline" className="text-muted-foreground">
                  Skipped: {skipReasonLabels[reason]}
                </Badge>
              )}
              {reason === null ? (
                <span className="text-muted-foreground text-xs">
                  {member.lastAssignedAt
                    ? `last assigned ${formatRelative(member.lastAssignedAt, now)}`
                    : "never assigned"}
                </span>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
