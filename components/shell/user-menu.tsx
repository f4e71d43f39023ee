"use client";

import { LogOut, Monitor, Moon, Sun } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTheme } from "next-themes";
import { useOptimistic, useTransition } from "react";
import { setMyAvailabilityAction } from "@/app/(app)/[workspace]/actions";
import { signOutAction } from "@/app/(auth)/actions";
import { Avatar } from "@/components/ui/avatar";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { memberStatusStyles, StatusDot } from "@/components/ui/status-dot";
import { toast } from "@/components/ui/toaster";

type Status = keyof typeof memberStatusStyles;
const statusOrder: Status[] = ["online", "away", "offline"];
const isStatus = (value: string): value is Status => value in memberStatusStyles;

export interface Availability {
  status: Status;
  /** Null when the member's role cannot take conversations (a Viewer). */
  acceptsChats: boolean | null;
}

/** What routing makes of this availability, in the words of the menu. */
function routingHint({ status, acceptsChats }: Availability): string {
  if (acceptsChats === null) return "Viewers are not sent conversations.";
  if (!acceptsChats) return "Not accepting chats: routing skips you.";
  if (status === "online") return "Routing can send you conversations.";
  return `${memberStatusStyles[status].label}: routing skips you.`;
}

const plural = (count: number) => `${count} waiting conversation${count === 1 ? "" : "s"}`;

export function UserMenu({
  workspace,
  name,
  email,
  image,
  availability,
}: {
  workspace: string;
  name: string;
  email: string;
  image: string | null;
  availability: Availability;
}) {
  const router = useRouter();
  const { theme, setTheme } = useTheme();
  const [pending, startTransition] = useTransition();
  // The new status shows at once; the server's answer (after refresh) replaces it.
  const [current, setCurrent] = useOptimistic(availability);
  const canTakeChats = current.acceptsChats !== null;

  function signOut() {
    startTransition(async () => {
      const result = await signOutAction({});
      if (!result.ok) {
        toast.error(result.error.message);
        return;
      }
      router.push(result.data.redirectTo);
      router.refresh();
    });
  }

  function change(next: { status?: Status; acceptsChats?: boolean }) {
    startTransition(async () => {
      setCurrent({ ...current, ...next });
      const result = await setMyAvailabilityAction({ workspace, ...next }).catch(() => null);
      if (!result) {
        toast.error("We could not reach the server. Try again.");
      } else if (!result.ok) {
        toast.error(result.error.message);
      } else if (result.data.routed > 0) {
        toast.success(`${plural(result.data.routed)} assigned to you.`, {
          action: {
            label: "Open Mine",
            onClick: () => router.push(`/${workspace}/inbox?view=mine`),
          },
        });
      }
      router.refresh();
    });
  }

  const statusLabel = memberStatusStyles[current.status].label;
  const summary =
    current.acceptsChats === false ? `${statusLabel} · not accepting chats` : statusLabel;

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex w-full items-center gap-2.5 rounded-md px-2 py-1.5 text-left transition-colors hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        aria-label={`Account: ${name}, ${canTakeChats ? summary : "Viewer"}`}
        aria-busy={pending || undefined}
      >
        <Avatar
          name={name}
          image={image}
          size="sm"
          status={canTakeChats ? current.status : undefined}
          decorative
        />
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium">{name}</span>
          <span className="block truncate text-xs text-muted-foreground">
            {canTakeChats ? summary : "Viewer"}
          </span>
        </span>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" side="top" className="w-64">
        <DropdownMenuLabel className="font-normal">
          <span className="block truncate text-sm font-medium">{name}</span>
          <span className="block truncate text-xs text-muted-foreground">{email}</span>
        </DropdownMenuLabel>
        {canTakeChats ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuLabel className="text-xs text-muted-foreground">Status</DropdownMenuLabel>
            <DropdownMenuRadioGroup
              aria-label="Status"
              value={current.status}
              onValueChange={(value) => {
                if (isStatus(value) && value !== current.status) change({ status: value });
              }}
            >
              {statusOrder.map((status) => (
                <DropdownMenuRadioItem key={status} value={status} disabled={pending}>
                  <StatusDot status={status} />
                  {memberStatusStyles[status].label}
                </DropdownMenuRadioItem>
              ))}
            </DropdownMenuRadioGroup>
            <DropdownMenuCheckboxItem
              checked={current.acceptsChats === true}
              disabled={pending}
              onCheckedChange={(checked) => change({ acceptsChats: checked })}
            >
              Accepts chats
            </DropdownMenuCheckboxItem>
            <p className="px-2 pt-0.5 pb-1.5 text-muted-foreground text-xs">
              {routingHint(current)}
            </p>
          </>
        ) : null}
        <DropdownMenuSeparator />
        <DropdownMenuLabel className="text-xs text-muted-foreground">Theme</DropdownMenuLabel>
        <DropdownMenuRadioGroup
          aria-label="Theme"
          value={theme ?? "system"}
          onValueChange={setTheme}
        >
          <DropdownMenuRadioItem value="light">
            <Sun className="size-4" aria-hidden /> Light
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="dark">
            <Moon className="size-4" aria-hidden /> Dark
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="system">
            <Monitor className="size-4" aria-hidden /> System
          </DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={signOut} disabled={pending}>
          <LogOut className="size-4" aria-hidden />
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
