"use client";

import { createWorkspaceAction } from "@/app/(app)/actions";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function CreateWorkspaceForm() {
  const { submit, pending, error, fieldError } = useActionForm(createWorkspaceAction);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit({ name: String(new FormData(event.currentTarget).get("name") ?? "") });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-4 rounded-xl border border-border bg-card p-6 shadow-sm"
    >
      <FormError message={error && !error.fields ? error.message : null} />
      <Field
        label="Workspace name"
        htmlFor="name"
        error={fieldError("name")}
        hint="Usually your company or team name. You can change it later."
      >
        <Input
          id="name"
          name="name"
          placeholder="Acme Support"
          autoComplete="organization"
          required
          aria-invalid={Boolean(fieldError("name"))}
          aria-describedby={fieldError("name") ? "name-error" : undefined}
        />
      </Field>
      <Button type="submit" className="w-full" loading={pending}>
        Create workspace
      </Button>
    </form>
  );
}
