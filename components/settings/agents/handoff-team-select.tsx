import { selectClassName } from "@/components/settings/teams/routing-mode-field";
import { cn } from "@/lib/utils";

export const NO_TEAM = "";

/** Where the conversation goes when the agent cannot help. */
export function HandoffTeamSelect({
  value,
  onChange,
  teams,
  className,
  ...props
}: {
  value: string;
  onChange: (teamId: string) => void;
  teams: { id: string; name: string }[];
  className?: string;
  id: string;
  disabled?: boolean;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}) {
  return (
    <select
      {...props}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      className={cn(selectClassName, "sm:w-full", className)}
    >
      <option value={NO_TEAM}>No team — the conversation waits in Unassigned</option>
      {teams.map((team) => (
        <option key={team.id} value={team.id}>
          {team.name}
        </option>
      ))}
    </select>
  );
}
