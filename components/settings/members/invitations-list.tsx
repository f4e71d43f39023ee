"use client";

import { RotateCw, X } from "lucide-react";
import {
  resendInvitationAction,
  revokeInvitationAction,
} from "@/app/(app)/[workspace]/settings/members/actions";
import { useRunAction } from "@/components/forms/use-run-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { roleLabels } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";

export interface InvitationListItem {
  id: string;
  email: string;
  role: Role;
  sent: string;
  expires: string;
  expired: boolean;
  inviterName: string | null;
}

export function InvitationsList({
  workspace,
  invitations,
}: {
  workspace: string;
  invitations: InvitationListItem[];
}) {
  const { run, pending } = useRunAction();
  if (invitations.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-border p-6 text-center text-sm text-muted-foreground">
        No pending invitations.
      </p>
    );
  }
  return (
    <ul
      aria-label="Pending invitations"
      className="divide-y divide-border rounded-xl border border-border bg-card"
    >
      {invitations.map((invitation) => (
        <li key={invitation.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 p-4">
          <div className="min-w-0 flex-1">
            <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
              <span className="break-all">{invitation.email}</span>
              <Badge variant="secondary">{roleLabels[invitation.role]}</Badge>
              {invitation.expired ? <Badge variant="warning">Expired</Badge> : null}
            </p>
            <p className="text-xs text-muted-foreground">
              Sent {invitation.sent}
              {invitation.inviterName ? ` by ${invitation.inviterName}` : ""} ·{" "}
              {invitation.expired
                ? `expired ${invitation.expires}`
                : `expires ${invitation.expires}`}
            </p>
          </div>
          <div className="flex gap-1">
            <Button
              variant="ghost"
              size="sm"
              disabled={pending}
              aria-label={`Resend invitation to ${invitation.email}`}
              onClick={() =>
                run(() => resendInvitationAction({ workspace, invitationId: invitation.id }), {
                  success: `Invitation sent again to ${invitation.email}. The old link no longer works.`,
                })
              }
            >
              <RotateCw className="size-4" aria-hidden />
              Resend
            </Button>
            <ConfirmDialog
              trigger={
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Revoke invitation to ${invitation.email}`}
                >
                  <X className="size-4" aria-hidden />
                  Revoke
                </Button>
              }
              title={`Revoke the invitation to ${invitation.email}?`}
              description="The link in their email stops working and the seat is freed."
              confirmLabel="Revoke invitation"
              destructive
              onConfirm={async () => {
                await run(
                  () => revokeInvitationAction({ workspace, invitationId: invitation.id }),
                  {
                    success: `Invitation to ${invitation.email} revoked.`,
                  },
                );
              }}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}
