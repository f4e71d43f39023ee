"use client";

import Link from "next/link";
import { useState } from "react";
import { magicLinkAction, signInAction } from "@/app/(auth)/actions";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { cn } from "@/lib/utils";

type Mode = "password" | "link";

export function SignInForm({ callbackUrl, notice }: { callbackUrl?: string; notice?: string }) {
  const [mode, setMode] = useState<Mode>("password");
  const password = useActionForm(signInAction);
  const link = useActionForm(magicLinkAction);
  const active = mode === "password" ? password : link;
  const formError =
    active.error && active.error.code !== "validation" ? active.error.message : null;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    if (mode === "password") {
      password.submit({ email, password: String(form.get("password") ?? ""), callbackUrl });
    } else {
      link.submit({ email, callbackUrl });
    }
  }

  return (
    <div className="space-y-6">
      <div className="space-y-1.5 text-center">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in to Switchboard</h1>
        <p className="text-sm text-muted-foreground">Welcome back. Your team is waiting.</p>
      </div>
      <div className="rounded-xl border border-border bg-card p-6 shadow-sm">
        <div
          role="tablist"
          aria-label="Sign-in method"
          className="mb-5 grid grid-cols-2 rounded-lg bg-muted p-1 text-sm"
        >
          {(
            [
              ["password", "Password"],
              ["link", "Email me a link"],
            ] as const
          ).map(([value, label]) => (
            <button
              key={value}
              type="button"
              role="tab"
              aria-selected={mode === value}
              onClick={() => setMode(value)}
              className={cn(
                "rounded-md px-3 py-1.5 font-medium text-muted-foreground transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                mode === value && "bg-background text-foreground shadow-sm",
              )}
            >
              {label}
            </button>
          ))}
        </div>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormError message={notice && !active.error ? notice : formError} />
          <Field label="Email" htmlFor="email" error={active.fieldError("email")}>
            <Input
              id="email"
              name="email"
              type="email"
              autoComplete="email"
              placeholder="you@company.com"
              required
              aria-invalid={Boolean(active.fieldError("email"))}
              aria-describedby={active.fieldError("email") ? "email-error" : undefined}
            />
          </Field>
          {mode === "password" ? (
            <Field label="Password" htmlFor="password" error={password.fieldError("password")}>
              <Input
                id="password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                aria-invalid={Boolean(password.fieldError("password"))}
                aria-describedby={password.fieldError("password") ? "password-error" : undefined}
              />
            </Field>
          ) : (
            <p className="text-sm text-muted-foreground">
              We will email you a link that signs you in. No password needed.
            </p>
          )}
          <Button type="submit" className="w-full" loading={active.pending}>
            {mode === "password" ? "Sign in" : "Email me a sign-in link"}
          </Button>
        </form>
      </div>
      <p className="text-center text-sm text-muted-foreground">
        New to Switchboard?{" "}
        <Link
          href={
            callbackUrl ? `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-up"
          }
          className="font-medium text-foreground underline-offset-4 hover:underline"
        >
          Create an account
        </Link>
      </p>
    </div>
  );
}
