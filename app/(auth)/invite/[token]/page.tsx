import { MailWarning } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import {
  AcceptInvitationButton,
  SignOutAndContinueButton,
} from "@/components/auth/invitation-actions";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { buttonVariants } from "@/components/ui/button-variants";
import { getDb } from "@/db/client";
import { currentUserId } from "@/lib/auth/auth";
import { roleLabels } from "@/lib/auth/permissions";
import { findInvitationByToken, invitationRefusals } from "@/lib/members/accept-invitation";
import { findUser } from "@/lib/workspaces/queries";

export const metadata: Metadata = { title: "Invitation", robots: { index: false } };

const refusalTitles = {
  unknown: "This invitation link is not valid",
  expired: "This invitation has expired",
  revoked: "This invitation was revoked",
  accepted: "This invitation was already used",
} as const;

/** The refusal without its first sentence, which the title already says. */
const refusalDetail = (state: keyof typeof refusalTitles) =>
  invitationRefusals[state].replace(/^[^.]*\.\s*/, "");

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = await getDb();
  const lookup = await findInvitationByToken(db, token);
  if (lookup.state !== "pending") {
    return (
      <div className="space-y-5 rounded-xl border border-border bg-card p-6 text-center shadow-sm">
        <div className="mx-auto flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground">
          <MailWarning className="size-6" aria-hidden />
        </div>
        <div className="space-y-2">
          <h1 className="text-xl font-semibold tracking-tight">{refusalTitles[lookup.state]}</h1>
          <p className="text-sm text-muted-foreground">{refusalDetail(lookup.state)}</p>
        </div>
        <Link href="/" className={buttonVariants({ variant: "outline" })}>
          Go to Switchboard
        </Link>
      </div>
    );
  }

  const { invitation, workspace, inviterName, accountExists } = lookup;
  const userId = await currentUserId();
  const user = userId ? await findUser(db, userId) : null;
  const role = roleLabels[invitation.role];
  const intro = `${inviterName ?? "An Admin"} invited ${invitation.email} to join ${workspace.name} as ${role}.`;
  const here = `/invite/${token}`;

  if (!user && !accountExists) {
    return (
      <SignUpForm
        callbackUrl={here}
        fixedEmail={invitation.email}
        title={`Join ${workspace.name}`}
        subtitle={`${intro} Create your account to accept.`}
      />
    );
  }

  return (
    <div className="space-y-6">
      <div className="space-y-1.5 text-center">
        <h1 className="text-2xl font-semibold tracking-tight">Join {workspace.name}</h1>
        <p className="text-sm text-muted-foreground">{intro}</p>
      </div>
      <div className="space-y-4 rounded-xl border border-border bg-card p-6 shadow-sm">
        {!user ? (
          <>
            <p className="text-sm text-muted-foreground">
              You already have a Switchboard account. Sign in as {invitation.email} to accept.
            </p>
            <Link
              href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`}
              className={buttonVariants({ className: "w-full" })}
            >
              Sign in to accept
            </Link>
          </>
        ) : user.email === invitation.email ? (
          <>
            <p className="text-sm text-muted-foreground">
              You are signed in as <span className="font-medium text-foreground">{user.email}</span>
              .
            </p>
            <AcceptInvitationButton token={token} workspaceName={workspace.name} />
          </>
        ) : (
          <>
            <p className="text-sm">
              You are signed in as <span className="font-medium">{user.email}</span>, but this
              invitation is for <span className="font-medium">{invitation.email}</span>.
            </p>
            <SignOutAndContinueButton token={token} />
          </>
        )}
      </div>
    </div>
  );
}
