import Link from "next/link";
import type { TeamRoutingState } from "@/lib/assignment/routing-overview";
import { modeLabels, plural } from "./routing-copy";

const list = (names: string[]) =>
  names.length <= 1
    ? (names[0] ?? "")
    : `${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""}`;

/** Teams with a mode of their own, and which teams follow the workspace's. */
export function TeamOverrides({
  workspace,
  teams,
}: {
  workspace: string;
  teams: TeamRoutingState[];
}) {
  const teamsPage = `/${workspace}/settings/teams`;
  const overrides = teams.filter((team) => team.routingMode !== "inherit");
  const inheriting = teams.filter((team) => team.routingMode === "inherit");
  return (
    <div className="space-y-3">
      {overrides.length > 0 ? (
        <ul
          aria-label="Team overrides"
          className="divide-y divide-border rounded-lg border border-border"
        >
          {overrides.map((team) => (
            <li
              key={team.id}
              className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-3 py-2.5 sm:px-4"
            >
              <Link
                href={`${teamsPage}#team-${team.id}`}
                className="font-medium text-link text-sm underline-offset-4 hover:underline"
              >
                {team.name}
              </Link>
              <span className="text-muted-foreground text-xs">
                {modeLabels[team.effectiveMode]} ·{" "}
                {team.memberCount === 0
                  ? "no members yet"
                  : `${team.eligibleCount} of ${plural(team.memberCount, "member")} eligible`}{" "}
                · {team.waiting} waiting
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="text-muted-foreground text-sm">
        {teams.length === 0 ? (
          <>
            No teams yet. A team can route by its own mode; create one on{" "}
            <Link href={teamsPage} className="text-link underline-offset-4 hover:underline">
              Settings → Teams
            </Link>
            .
          </>
        ) : (
          <>
            {overrides.length === 0
              ? "No team has a mode of its own: every team routes like the workspace. "
              : inheriting.length > 0
                ? `${list(inheriting.map((team) => team.name))} ${inheriting.length === 1 ? "follows" : "follow"} the workspace mode. `
                : ""}
            Change a team's mode on{" "}
            <Link href={teamsPage} className="text-link underline-offset-4 hover:underline">
              Settings → Teams
            </Link>
            .
          </>
        )}
      </p>
    </div>
  );
}
