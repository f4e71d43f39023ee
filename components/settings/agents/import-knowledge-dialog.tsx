"use client";

import { Upload } from "lucide-react";
import { useId, useState } from "react";
import { importKnowledgeAction } from "@/app/(app)/[workspace]/settings/agents/actions";
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
import { toast } from "@/components/ui/toaster";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "@/lib/agents/schemas";

const sample = `question,answer
Do you ship abroad?,"Yes, to 30 countries."
"Can I pay by card, or PayPal?",Both.`;

/** Reads a CSV file in the browser and imports its rows as knowledge, all or none. */
export function ImportKnowledgeDialog({
  workspace,
  agentId,
}: {
  workspace: string;
  agentId: string;
}) {
  const id = useId();
  const fileId = `${id}-file`;
  const [open, setOpen] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const { submit, pending, error, setError } = useActionForm(importKnowledgeAction, {
    onSuccess: ({ imported }) => {
      toast.success(`Imported ${imported} ${imported === 1 ? "entry" : "entries"}.`);
      setOpen(false);
    },
  });

  function openChange(next: boolean) {
    setOpen(next);
    if (next) {
      setError(null);
      setFileError(null);
    }
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) {
      setFileError(file instanceof File && file.name ? "The file is empty." : "Choose a CSV file.");
      return;
    }
    if (file.size > IMPORT_MAX_BYTES) {
      setFileError(
        "The file is larger than 1 MB; split it and import the parts one after another.",
      );
      return;
    }
    const csv = await file.text();
    // Server actions take at most 1 MB per request (Next's default), and quotes and line
    // breaks grow when the text is encoded: refuse here what the server would drop unread.
    if (new Blob([JSON.stringify(csv)]).size > IMPORT_MAX_BYTES - 4_096) {
      setFileError(
        "The file is too large to send in one go; split it and import the parts one after another.",
      );
      return;
    }
    setFileError(null);
    submit({ workspace, agentId, csv });
  }

  // The server names the bad row; it shows under the file it is about.
  const rowError = fileError ?? error?.fields?.csv ?? null;
  return (
    <Dialog open={open} onOpenChange={openChange}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <Upload aria-hidden="true" />
          Import CSV
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>Import knowledge from CSV</DialogTitle>
          <DialogDescription>
            Adds one entry per row. If any row has a problem, nothing is imported and the row is
            named, so you can fix the file and try again.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          <FormError message={error && !error.fields ? error.message : null} />
          <Field
            label="CSV file"
            htmlFor={fileId}
            error={rowError ?? undefined}
            hint={`Up to ${IMPORT_MAX_ROWS.toLocaleString("en")} rows and 1 MB.`}
          >
            <Input
              {...fieldControlProps({ id: fileId, error: rowError ?? undefined, hint: true })}
              name="file"
              type="file"
              accept=".csv,text/csv"
              required
              onChange={() => setFileError(null)}
              className="h-auto py-1.5"
            />
          </Field>
          <div className="grid gap-2 rounded-md border border-border bg-muted/40 p-3 text-sm">
            <p className="font-medium">Format</p>
            <p className="text-muted-foreground">
              The first row names the columns: <code className="font-mono">question,answer</code>{" "}
              for Q&amp;A, or <code className="font-mono">title,body,kind</code> with kind{" "}
              <code className="font-mono">qa</code> or <code className="font-mono">article</code>.
              Put a field that holds commas, line breaks or quotes in double quotes, and write a
              quote inside it as two.
            </p>
            <pre className="overflow-x-auto rounded bg-background p-2 font-mono text-xs leading-relaxed">
              {sample}
            </pre>
          </div>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline" disabled={pending}>
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" loading={pending}>
              Import
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
