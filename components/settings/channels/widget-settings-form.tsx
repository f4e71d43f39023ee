"use client";

import { updateWidgetAction } from "@/app/(app)/[workspace]/settings/channels/actions";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { GREETING_MAX } from "@/lib/channels/widget/limits";
import type { WidgetSettingsView } from "@/lib/channels/widget/types";

/** The team new web chats start with, and the greeting at the top of the chat. */
export function WidgetSettingsForm({
  workspace,
  settings,
  teams,
}: {
  workspace: string;
  settings: WidgetSettingsView;
  teams: { id: string; name: string }[];
}) {
  const { submit, pending, error, fieldError } = useActionForm(updateWidgetAction, {
    onSuccess: () => toast.success("Web chat settings saved."),
  });

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const teamId = String(form.get("teamId") ?? "");
    submit({
      workspace,
      teamId: teamId === "" ? null : teamId,
      greeting: String(form.get("greeting") ?? ""),
    });
  }

  const teamError = fieldError("teamId");
  const greetingError = fieldError("greeting");
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="widget-settings-heading"
      className="space-y-5 rounded-xl border border-border bg-card p-6 shadow-sm"
    >
      <div>
        <h2 id="widget-settings-heading" className="font-semibold">
          Web chat settings
        </h2>
        <p className="text-sm text-muted-foreground">
          What customers see and where their chats go.
        </p>
      </div>
      <FormError message={error && !error.fields ? error.message : null} />
      <Field
        label="Team for new chats"
        htmlFor="teamId"
        error={teamError}
        hint="New web chat conversations start with this team."
      >
        <select
          {...fieldControlProps({ id: "teamId", error: teamError, hint: true })}
          name="teamId"
          defaultValue={settings.teamId ?? ""}
          className="h-9 w-full rounded-md border border-input bg-background px-3 text-sm shadow-xs focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring dark:bg-input/20"
        >
          <option value="">No team</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label="Greeting"
        htmlFor="greeting"
        error={greetingError}
        hint="Shown at the top of the chat before the customer writes."
      >
        <Textarea
          {...fieldControlProps({ id: "greeting", error: greetingError, hint: true })}
          name="greeting"
          rows={2}
          maxLength={GREETING_MAX}
          defaultValue={settings.greeting}
          required
        />
      </Field>
      <div className="flex justify-end">
        <Button type="submit" loading={pending}>
          Save web chat settings
        </Button>
      </div>
    </form>
  );
}
