"use client";

import { signOutAction } from "@/app/(auth)/actions";
import { acceptInvitationAction } from "@/app/(auth)/invite/[token]/actions";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";

export function AcceptInvitationButton({
  token,
  workspaceName,
}: {
  token: string;
  workspaceName: string;
}) {
  const { submit, pending, error } = useActionForm(acceptInvitationAction);
  return (
    <div className="space-y-3">
      <FormError message={error?.message} />
      <Button className="w-full" loading={pending} onClick={() => submit({ token })}>
        Join {workspaceName}
      </Button>
    </div>
  );
}

export function SignOutAndContinueButton({ token }: { token: string }) {
  const { submit, pending, error } = useActionForm(signOutAction);
  return (
    <div className="space-y-3">
      <FormError message={error?.message} />
      <Button
        className="w-full"
        loading={pending}
        onClick={() => submit({ redirectTo: `/invite/${token}` })}
      >
        Sign out and continue
      </Button>
    </div>
  );
}
