import type { Metadata } from "next";
import { EligibilityList } from "@/components/settings/routing/eligibility-list";
import { plural } from "@/components/settings/routing/routing-copy";
import { RoutingSettingsForm } from "@/components/settings/routing/routing-settings-form";
import { TeamOverrides } from "@/components/settings/routing/team-overrides";
import { getRoutingOverview } from "@/lib/assignment/routing-overview";
import { requireWorkspace } from "@/lib/auth/page";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Routing" };

export default async function RoutingSettingsPage({
  params,
}: {
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const { db, workspace, member } = await requireWorkspace(slug);
  const editable = can(member.role, "workspace.manage");
  const overview = await getRoutingOverview(db, { workspace });
  const manual = overview.mode === "manual";
  const waiting = plural(overview.waitingTotal, "conversation");

  return (
    <div className="space-y-8">
      <section aria-labelledby="routing-heading" className="space-y-4">
        <div className="space-y-1">
          <h2 id="routing-heading" className="font-semibold text-lg tracking-tight">
            Routing
          </h2>
          <p className="text-muted-foreground text-sm">
            {editable
              ? "How new conversations find an owner. Changes apply at once, to conversations already waiting too."
              : "How new conversations find an owner. Only Admins can change these settings."}
          </p>
        </div>
        <RoutingSettingsForm
          workspace={workspace.slug}
          editable={editable}
          settings={{
            routingMode: workspace.routingMode,
            selfAssignOnFirstReply: workspace.selfAssignOnFirstReply,
            resetAssigneeOnClose: workspace.resetAssigneeOnClose,
            agentsSeeUnassigned: workspace.agentsSeeUnassigned,
            autoAway: workspace.autoAway,
          }}
        />
      </section>

      <section aria-labelledby="eligibility-heading" className="space-y-3">
        <div className="space-y-1">
          <h2 id="eligibility-heading" className="font-semibold">
            Who can take a conversation now
          </h2>
          <p className="text-sm" data-testid="eligibility-summary">
            <strong className="font-semibold">
              {overview.eligibleCount} of {plural(overview.members.length, "member")}
            </strong>{" "}
            {overview.members.length === 1 ? "is" : "are"} online, accept chats and have room;{" "}
            <strong className="font-semibold">{waiting}</strong>{" "}
            {manual ? "in Unassigned" : "waiting"}.
          </p>
          <p className="text-muted-foreground text-xs">
            {manual
              ? "Routing is manual, so nobody is assigned automatically. Under Balanced or Round robin these are the members it would choose from."
              : "Eligible: the role may reply, accepts chats, online, under capacity. Members set their status in the account menu; Admins set capacity on Members."}
          </p>
        </div>
        <EligibilityList members={overview.members} now={new Date()} />
      </section>

      <section aria-labelledby="teams-heading" className="space-y-3">
        <div className="space-y-1">
          <h2 id="teams-heading" className="font-semibold">
            Team overrides
          </h2>
          <p className="text-muted-foreground text-sm">
            A conversation given to a team routes among that team's members, by the team's mode.
          </p>
        </div>
        <TeamOverrides workspace={workspace.slug} teams={overview.teams} />
      </section>
    </div>
  );
}
