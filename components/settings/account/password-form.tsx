"use client";

import { useRef, useState } from "react";
import { setPasswordAction } from "@/app/(app)/actions";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/schemas";

/**
 * Change the password, or set one on an account that signs in by email link only (made by a
 * link, or whose unproven password a link sign-in removed): then the link proved the address.
 */
export function PasswordForm({ email, hasPassword }: { email: string; hasPassword: boolean }) {
  const [has, setHas] = useState(hasPassword);
  const form = useRef<HTMLFormElement>(null);
  const { submit, pending, error, fieldError } = useActionForm(setPasswordAction, {
    onSuccess: () => {
      toast.success(has ? "Password changed." : "Password set. You can now sign in with it too.");
      setHas(true);
      form.current?.reset();
    },
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    submit({
      ...(has ? { current: String(data.get("current") ?? "") } : {}),
      password: String(data.get("password") ?? ""),
    });
  }

  return (
    <form
      ref={form}
      onSubmit={onSubmit}
      noValidate
      className="space-y-5 rounded-xl border border-border bg-card p-6 shadow-sm"
    >
      <div>
        <h2 className="font-semibold">Password</h2>
        <p className="text-muted-foreground text-sm">
          {has
            ? `Change the password you sign in with as ${email}.`
            : `You sign in as ${email} with an email link. Set a password to sign in with it too.`}
        </p>
      </div>
      <FormError message={error && !error.fields ? error.message : null} />
      {has ? (
        <Field label="Current password" htmlFor="current" error={fieldError("current")}>
          <Input
            {...fieldControlProps({ id: "current", error: fieldError("current") })}
            name="current"
            type="password"
            autoComplete="current-password"
            required
          />
        </Field>
      ) : null}
      <Field
        label={has ? "New password" : "Password"}
        htmlFor="password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={fieldError("password")}
      >
        <Input
          {...fieldControlProps({ id: "password", hint: true, error: fieldError("password") })}
          name="password"
          type="password"
          autoComplete="new-password"
          required
        />
      </Field>
      <div className="flex justify-end">
        <Button type="submit" loading={pending}>
          {has ? "Change password" : "Set password"}
        </Button>
      </div>
    </form>
  );
}
