"use client";

import { updateWorkspaceAction } from "@/app/(app)/actions";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";

export function WorkspaceSettingsForm({
  workspace,
  editable,
  timeZones,
}: {
  workspace: { slug: string; name: string; timeZone: string };
  editable: boolean;
  timeZones: string[];
}) {
  const { submit, pending, error, fieldError } = useActionForm(updateWorkspaceAction, {
    onSuccess: () => toast.success("Workspace settings saved."),
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    submit({
      workspace: workspace.slug,
      name: String(form.get("name") ?? ""),
      timeZone: String(form.get("timeZone") ?? ""),
    });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-5 rounded-xl border border-border bg-card p-6 shadow-sm"
    >
      <div>
        <h2 className="font-semibold">Workspace</h2>
        <p className="text-sm text-muted-foreground">
          {editable
            ? "The name your team and your customers see."
            : "Only Admins can change these settings."}
        </p>
      </div>
      <FormError message={error && !error.fields ? error.message : null} />
      <Field label="Name" htmlFor="name" error={fieldError("name")}>
        <Input
          {...fieldControlProps({ id: "name", error: fieldError("name") })}
          name="name"
          defaultValue={workspace.name}
          disabled={!editable}
          required
        />
      </Field>
      <Field label="Address" htmlFor="slug" hint="Your workspace lives at this path.">
        <Input
          {...fieldControlProps({ id: "slug", hint: true })}
          value={`/${workspace.slug}`}
          readOnly
          disabled
        />
      </Field>
      <Field
        label="Time zone"
        htmlFor="timeZone"
        error={fieldError("timeZone")}
        hint="Reports count days in this time zone."
      >
        <select
          {...fieldControlProps({ id: "timeZone", error: fieldError("timeZone"), hint: true })}
          name="timeZone"
          defaultValue={workspace.timeZone}
          disabled={!editable}
          className="h-9 w-full rounded-md border border-input bg-background dark:bg-input/20 px-3 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-60"
        >
          {timeZones.includes("UTC") ? null : <option value="UTC">UTC</option>}
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </Field>
      {editable ? (
        <div className="flex justify-end">
          <Button type="submit" loading={pending}>
            Save changes
          </Button>
        </div>
      ) : null}
    </form>
  );
}
