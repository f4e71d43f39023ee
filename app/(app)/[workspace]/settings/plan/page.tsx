import type { Metadata } from "next";
import { type PlanOption, PlanPicker } from "@/components/settings/plan/plan-picker";
import { requireWorkspace } from "@/lib/auth/page";
import { countSeats } from "@/lib/members/lock-workspace";
import {
  describeBreakdown,
  describeUsage,
  planLabels,
  seatLimits,
  seatsUsed,
} from "@/lib/members/seats";
import { cn } from "@/lib/utils";

export const metadata: Metadata = { title: "Plan" };

const blurbs: Record<PlanOption["id"], string> = {
  starter: "For a founder and a couple of helpers.",
  team: "For a support team that shares one inbox.",
  business: "For growing teams: as many seats as you need.",
};

export default async function PlanPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, workspace } = await requireWorkspace(slug, "workspace.manage");
  const usage = await countSeats(db, workspace.id);
  const limit = seatLimits[workspace.plan];
  const share = limit === null ? 0 : Math.min(100, Math.round((seatsUsed(usage) / limit) * 100));
  const options = (Object.keys(seatLimits) as PlanOption["id"][]).map((id) => {
    const seats = seatLimits[id];
    return {
      id,
      label: planLabels[id],
      seats: seats === null ? "Unlimited seats" : `${seats} seats`,
      blurb: blurbs[id],
    };
  });
  return (
    <div className="space-y-6">
      <section
        aria-labelledby="usage-heading"
        className="rounded-xl border border-border bg-card p-5 shadow-sm"
      >
        <h2 id="usage-heading" className="text-sm font-medium text-muted-foreground">
          Seats on the {planLabels[workspace.plan]} plan
        </h2>
        <p className="mt-1 text-2xl font-semibold tracking-tight">
          {describeUsage(workspace.plan, usage)}
        </p>
        <p className="text-sm text-muted-foreground">{describeBreakdown(usage)}.</p>
        {limit !== null ? (
          // The figures above say the same; the bar is a picture of them.
          <div aria-hidden className="mt-3 h-2 overflow-hidden rounded-full bg-muted">
            <div
              className={cn("h-full rounded-full bg-primary", share >= 100 && "bg-warning")}
              style={{ width: `${share}%` }}
            />
          </div>
        ) : null}
      </section>
      <section aria-labelledby="plans-heading" className="space-y-3">
        <div>
          <h2 id="plans-heading" className="font-semibold">
            Plans
          </h2>
          <p className="text-sm text-muted-foreground">
            Seats count active members and pending invitations. Switching is free while billing is
            not connected.
          </p>
        </div>
        <PlanPicker workspace={workspace.slug} current={workspace.plan} options={options} />
      </section>
    </div>
  );
}
