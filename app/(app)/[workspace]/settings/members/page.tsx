import type { Metadata } from "next";
import { InvitationsList } from "@/components/settings/members/invitations-list";
import { InviteDialog } from "@/components/settings/members/invite-dialog";
import { MembersList } from "@/components/settings/members/members-list";
import { requireWorkspace } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";
import { formatDate, formatRelative } from "@/lib/format";
import { countSeats } from "@/lib/members/lock-workspace";
import { listMembers, listPendingInvitations } from "@/lib/members/queries";
import { describeUsage, seatLimits, seatsUsed } from "@/lib/members/seats";
import { listTeamOptions } from "@/lib/teams/queries";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, workspace, member } = await requireWorkspace(slug, "members.view");
  const manage = can(member.role, "members.manage");
  const now = new Date();
  const [people, invitations, usage, teamOptions] = await Promise.all([
    listMembers(db, workspace.id),
    manage ? listPendingInvitations(db, workspace.id) : Promise.resolve([]),
    countSeats(db, workspace.id, now),
    listTeamOptions(db, workspace.id),
  ]);
  const limit = seatLimits[workspace.plan];
  const zone = workspace.timeZone;

  return (
    <div className="space-y-8">
      <section aria-labelledby="members-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="members-heading" className="font-semibold">
              Members
            </h2>
            <p className="text-sm text-muted-foreground">
              {describeUsage(workspace.plan, usage)} used
              {manage ? "" : ". Only Admins can invite, change roles or remove members."}
            </p>
          </div>
          {manage ? (
            <InviteDialog
              workspace={workspace.slug}
              teams={teamOptions}
              seatsLeft={limit === null ? null : Math.max(0, limit - seatsUsed(usage))}
            />
          ) : null}
        </div>
        <MembersList
          workspace={workspace.slug}
          workspaceName={workspace.name}
          currentMemberId={member.id}
          manage={manage}
          members={people.map((person) => ({
            id: person.id,
            name: person.name,
            email: person.email,
            image: person.image,
            role: person.role,
            status: person.status,
            teams: person.teams,
            lastActive: person.lastActiveAt ? formatRelative(person.lastActiveAt, now) : "never",
            acceptsChats: person.acceptsChats,
            capacity: person.capacity,
            openConversations: person.openConversations,
          }))}
        />
      </section>
      {manage ? (
        <section aria-labelledby="invitations-heading" className="space-y-3">
          <h2 id="invitations-heading" className="font-semibold">
            Pending invitations
          </h2>
          <InvitationsList
            workspace={workspace.slug}
            invitations={invitations.map((invitation) => ({
              id: invitation.id,
              email: invitation.email,
              role: invitation.role,
              sent: formatDate(invitation.sentAt, zone),
              expires: formatRelative(invitation.expiresAt, now),
              expired: invitation.expiresAt <= now,
              inviterName: invitation.inviterName,
            }))}
          />
        </section>
      ) : null}
    </div>
  );
}
