"use client";

import { Plus } from "lucide-react";
import { useId, useState } from "react";
import {
  addKnowledgeAction,
  updateKnowledgeAction,
} from "@/app/(app)/[workspace]/settings/agents/actions";
import { FormError } from "@/components/forms/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import type { KnowledgeKind } from "@/db/schema";
import { knowledgeLimits } from "@/lib/agents/schemas";
import { cn } from "@/lib/utils";
import { CharacterCount } from "./character-count";
import { kindLabels } from "./copy";

const fieldLabels: Record<KnowledgeKind, { title: string; body: string }> = {
  qa: { title: "Question", body: "Answer" },
  article: { title: "Title", body: "Text" },
};
const placeholders: Record<KnowledgeKind, { title: string; body: string }> = {
  qa: { title: "Do you ship abroad?", body: "Yes, to 30 countries. Delivery takes 3–5 days." },
  article: {
    title: "Returns and refunds",
    body: "You can return any item within 30 days of delivery…",
  },
};

type Entry = { id: string; kind: KnowledgeKind; title: string; body: string };

/** Adds an entry to an agent's knowledge, or edits `entry` when given. */
export function KnowledgeEntryDialog({
  workspace,
  agentId,
  entry,
}: {
  workspace: string;
  agentId: string;
  entry?: Entry;
}) {
  const editing = entry ?? null;
  const id = useId();
  const ids = { kind: `${id}-kind`, title: `${id}-title`, body: `${id}-body` };
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<KnowledgeKind>(editing?.kind ?? "qa");
  const [title, setTitle] = useState(editing?.title ?? "");
  const [body, setBody] = useState(editing?.body ?? "");
  const onSuccess = (saved: { title: string }) => {
    toast.success(editing ? `Saved “${saved.title}”.` : `Added “${saved.title}”.`);
    openChange(false);
  };
  const adding = useActionForm(addKnowledgeAction, { onSuccess });
  const updating = useActionForm(updateKnowledgeAction, { onSuccess });
  const form = editing ? updating : adding;

  function openChange(next: boolean) {
    setOpen(next);
    if (next) {
      adding.setError(null);
      updating.setError(null);
      // A fresh form each time it opens: the entry as saved now, or empty fields.
      setKind(editing?.kind ?? "qa");
      setTitle(editing?.title ?? "");
      setBody(editing?.body ?? "");
    }
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (editing) updating.submit({ workspace, entryId: editing.id, kind, title, body });
    else adding.submit({ workspace, agentId, kind, title, body });
  }

  const limits = knowledgeLimits[kind];
  const labels = fieldLabels[kind];
  const titleError = form.fieldError("title");
  const bodyError = form.fieldError("body");
  return (
    <Dialog open={open} onOpenChange={openChange}>
      <DialogTrigger asChild>
        {editing ? (
          <Button variant="ghost" size="sm" aria-label={`Edit “${editing.title}”`}>
            Edit
          </Button>
        ) : (
          <Button variant="outline">
            <Plus aria-hidden="true" />
            Add entry
          </Button>
        )}
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{editing ? "Edit entry" : "Add knowledge"}</DialogTitle>
          <DialogDescription>
            {kind === "qa"
              ? "A question customers ask, and the answer the agent should give."
              : "A longer text the agent can quote from, such as a policy or a how-to."}
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <FormError message={form.error && !form.error.fields ? form.error.message : null} />
          <fieldset className="grid gap-2">
            <legend id={ids.kind} className="mb-2 font-medium text-sm leading-none">
              Kind
            </legend>
            <div className="inline-flex w-fit rounded-md border border-input p-0.5">
              {(["qa", "article"] as const).map((value) => (
                <label
                  key={value}
                  className={cn(
                    "relative cursor-pointer rounded-[5px] px-3 py-1 font-medium text-sm text-muted-foreground transition-colors",
                    "has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring",
                    "has-[:checked]:bg-secondary has-[:checked]:text-secondary-foreground",
                  )}
                >
                  <input
                    type="radio"
                    name="kind"
                    value={value}
                    checked={kind === value}
                    onChange={() => setKind(value)}
                    className="absolute inset-0 cursor-pointer appearance-none opacity-0"
                  />
                  {kindLabels[value]}
                </label>
              ))}
            </div>
          </fieldset>
          <Field
            label={labels.title}
            htmlFor={ids.title}
            error={titleError}
            hint={<CharacterCount length={title.length} max={limits.title} />}
          >
            <Input
              {...fieldControlProps({ id: ids.title, error: titleError, hint: true })}
              value={title}
              onChange={(event) => setTitle(event.target.value)}
              maxLength={limits.title}
              autoComplete="off"
              placeholder={placeholders[kind].title}
              required
            />
          </Field>
          <Field
            label={labels.body}
            htmlFor={ids.body}
            error={bodyError}
            hint={<CharacterCount length={body.length} max={limits.body} />}
          >
            <Textarea
              {...fieldControlProps({ id: ids.body, error: bodyError, hint: true })}
              value={body}
              onChange={(event) => setBody(event.target.value)}
              maxLength={limits.body}
              rows={kind === "qa" ? 4 : 8}
              placeholder={placeholders[kind].body}
              className="max-h-[50dvh]"
              required
            />
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={form.pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" loading={form.pending}>
              {editing ? "Save entry" : "Add entry"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
