"use client";

import { UserPlus } from "lucide-react";
import { useState } from "react";
import { inviteMembersAction } from "@/app/(app)/[workspace]/settings/members/actions";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { roleLabels } from "@/lib/auth/permissions";
import { type Role, roles } from "@/lib/auth/roles";
import { roleHints } from "./role-hints";

export function InviteDialog({
  workspace,
  teams,
  seatsLeft,
}: {
  workspace: string;
  teams: { id: string; name: string }[];
  seatsLeft: number | null;
}) {
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<Role>("agent");
  const { submit, pending, error, fieldError, setError } = useActionForm(inviteMembersAction, {
    onSuccess: ({ invited }) => {
      toast.success(
        invited.length === 1
          ? `Invitation sent to ${invited[0]}.`
          : `${invited.length} invitations sent.`,
      );
      setOpen(false);
    },
  });

  const emailsError = error?.code === "validation" ? fieldError("emails") : undefined;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    submit({
      workspace,
      emails: String(form.get("emails") ?? ""),
      role: String(form.get("role") ?? "agent") as Role,
      teamIds: form.getAll("teamIds").map(String),
    });
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setError(null);
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <UserPlus className="size-4" aria-hidden />
          Invite members
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Invite members</DialogTitle>
          <DialogDescription>
            Each person gets an email with a link to join. Links expire after 7 days.
            {seatsLeft !== null
              ? ` ${seatsLeft} ${seatsLeft === 1 ? "seat" : "seats"} left on your plan.`
              : ""}
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="space-y-4">
          <FormError message={error?.message} />
          <Field
            label="Email addresses"
            htmlFor="emails"
            hint="Separate several with commas or new lines."
            error={emailsError}
          >
            <Textarea
              {...fieldControlProps({ id: "emails", error: emailsError, hint: true })}
              name="emails"
              rows={3}
              placeholder={"sam@company.com, priya@company.com"}
              required
            />
          </Field>
          <Field label="Role" htmlFor="role" hint={roleHints[role]}>
            <select
              {...fieldControlProps({ id: "role", hint: true })}
              name="role"
              value={role}
              onChange={(event) => setRole(event.target.value as Role)}
              className="h-9 w-full rounded-md border border-input bg-background px-3 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring dark:bg-input/20"
            >
              {roles.map((option) => (
                <option key={option} value={option}>
                  {roleLabels[option]}
                </option>
              ))}
            </select>
          </Field>
          {teams.length > 0 ? (
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">
                Teams <span className="font-normal text-muted-foreground">(optional)</span>
              </legend>
              <div className="flex flex-wrap gap-2">
                {teams.map((team) => (
                  <label
                    key={team.id}
                    className="flex cursor-pointer items-center gap-2 rounded-md border border-border px-3 py-1.5 text-sm has-checked:border-primary has-checked:bg-primary/5"
                  >
                    <input
                      type="checkbox"
                      name="teamIds"
                      value={team.id}
                      className="accent-primary"
                    />
                    {team.name}
                  </label>
                ))}
              </div>
            </fieldset>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Send invitations
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
