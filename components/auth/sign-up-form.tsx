"use client";

import Link from "next/link";
import { signUpAction } from "@/app/(auth)/actions";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/schemas";

export function SignUpForm({
  callbackUrl,
  fixedEmail,
  title = "Create your account",
  subtitle = "One inbox, one clear owner for every customer.",
}: {
  callbackUrl?: string;
  /** An invitation decides the address; the field shows it read-only. */
  fixedEmail?: string;
  title?: string;
  subtitle?: string;
}) {
  const { submit, pending, error, fieldError } = useActionForm(signUpAction);
  const formError = error && !error.fields ? error.message : null;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    submit({
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      callbackUrl,
    });
  }

  const describedBy = (name: string) => (fieldError(name) ? `${name}-error` : undefined);

  return (
    <div className="space-y-6">
      <div className="space-y-1.5 text-center">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="text-sm text-muted-foreground">{subtitle}</p>
      </div>
      <form
        onSubmit={onSubmit}
        noValidate
        className="space-y-4 rounded-xl border border-border bg-card p-6 shadow-sm"
      >
        <FormError message={formError} />
        <Field label="Name" htmlFor="name" error={fieldError("name")}>
          <Input
            id="name"
            name="name"
            autoComplete="name"
            placeholder="Sam Rivera"
            required
            aria-invalid={Boolean(fieldError("name"))}
            aria-describedby={describedBy("name")}
          />
        </Field>
        <Field label="Work email" htmlFor="email" error={fieldError("email")}>
          <Input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            placeholder="you@company.com"
            required
            defaultValue={fixedEmail}
            readOnly={Boolean(fixedEmail)}
            aria-invalid={Boolean(fieldError("email"))}
            aria-describedby={describedBy("email")}
          />
        </Field>
        <Field
          label="Password"
          htmlFor="password"
          error={fieldError("password")}
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        >
          <Input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            required
            aria-invalid={Boolean(fieldError("password"))}
            aria-describedby={describedBy("password")}
          />
        </Field>
        <Button type="submit" className="w-full" loading={pending}>
          Create account
        </Button>
      </form>
      <p className="text-center text-sm text-muted-foreground">
        Already have an account?{" "}
        <Link
          href={
            callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in"
          }
          className="font-medium text-foreground underline-offset-4 hover:underline"
        >
          Sign in
        </Link>
      </p>
    </div>
  );
}
