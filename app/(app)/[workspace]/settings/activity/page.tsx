import { History } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Avatar } from "@/components/ui/avatar";
import { buttonVariants } from "@/components/ui/button-variants";
import { EmptyState } from "@/components/ui/empty-state";
import { describeActivity } from "@/lib/activity/describe-activity";
import { listActivity } from "@/lib/activity/list-activity";
import { requireWorkspace } from "@/lib/auth/page";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Activity" };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ActivityPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ after?: string }>;
}) {
  const { workspace: slug } = await params;
  const { after } = await searchParams;
  const { db, workspace } = await requireWorkspace(slug, "workspace.manage");
  const { entries, next } = await listActivity(db, {
    workspaceId: workspace.id,
    after: after && uuidPattern.test(after) ? after : undefined,
  });
  const base = `/${workspace.slug}/settings/activity`;
  if (entries.length === 0) {
    return (
      <EmptyState
        icon={History}
        title="No activity yet"
        description="Invitations, role changes, removals and team changes appear here."
      />
    );
  }
  return (
    <div className="space-y-4">
      <div>
        <h2 className="font-semibold">Activity</h2>
        <p className="text-sm text-muted-foreground">
          Who invited, joined, changed roles, removed members and changed teams, newest first.
        </p>
      </div>
      <ol
        aria-label="Activity, newest first"
        className="divide-y divide-border rounded-xl border border-border bg-card"
      >
        {entries.map((entry) => {
          const actor = entry.actorName ?? entry.actorEmail ?? "Someone";
          return (
            <li key={entry.id} className="flex items-start gap-3 p-4">
              <Avatar name={actor} size="sm" decorative />
              <div className="min-w-0 flex-1">
                <p className="text-sm [overflow-wrap:anywhere]">
                  <span className="font-medium">{actor}</span>{" "}
                  {describeActivity(entry.type, entry.data)}
                </p>
                <p className="text-xs text-muted-foreground">
                  <time dateTime={entry.createdAt.toISOString()}>
                    {formatDateTime(entry.createdAt, workspace.timeZone)}
                  </time>
                </p>
              </div>
            </li>
          );
        })}
      </ol>
      <nav aria-label="Activity pages" className="flex justify-between">
        {after ? (
          <Link href={base} className={buttonVariants({ variant: "outline", size: "sm" })}>
            Newest
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link
            href={`${base}?after=${next}`}
            className={buttonVariants({ variant: "outline", size: "sm" })}
          >
            Older
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
