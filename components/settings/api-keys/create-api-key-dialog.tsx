"use client";

import { Check, Copy, KeyRound, TriangleAlert } from "lucide-react";
import { useId, useState } from "react";
import { createApiKeyAction } from "@/app/(app)/[workspace]/settings/api-keys/actions";
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

/** Asks for a name, then shows the new key once, with a Copy button. */
export function CreateApiKeyDialog({ workspace }: { workspace: string }) {
  const id = useId();
  const nameId = `${id}-name`;
  const keyId = `${id}-key`;
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const { submit, pending, error, fieldError, setError } = useActionForm(createApiKeyAction, {
    onSuccess: ({ name, key }) => setCreated({ name, key }),
  });

  function openChange(next: boolean) {
    setOpen(next);
    if (!next) {
      // The key leaves memory with the dialog: it is never shown again.
      setCreated(null);
      setCopied(false);
      setError(null);
    }
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    submit({ workspace, name: String(form.get("name") ?? "") });
  }

  async function copy(key: string) {
    try {
      await navigator.clipboard.writeText(key);
      setCopied(true);
      toast.success("API key copied.");
    } catch {
      toast.error("Could not copy. Select the key and copy it yourself.");
    }
  }

  const nameError = fieldError("name");
  return (
    <Dialog open={open} onOpenChange={openChange}>
      <DialogTrigger asChild>
        <Button>
          <KeyRound aria-hidden="true" />
          Create API key
        </Button>
      </DialogTrigger>
      <DialogContent
        // A stray click beside the dialog, Escape or the corner X must not throw away a key
        // that is shown only once: while it shows, only "Done" closes the dialog.
        hideClose={created !== null}
        onInteractOutside={(event) => {
          if (created) event.preventDefault();
        }}
        onEscapeKeyDown={(event) => {
          if (created) event.preventDefault();
        }}
      >
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>Your new API key</DialogTitle>
              <DialogDescription>
                Copy the key for “{created.name}” and store it somewhere safe, such as your
                integration’s secret settings.
              </DialogDescription>
            </DialogHeader>
            <div
              role="alert"
              className="flex items-start gap-2 rounded-md border border-warning/30 bg-warning/10 px-3 py-2 text-sm text-warning"
            >
              <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
              <span>You will not see this key again. If you lose it, create a new one.</span>
            </div>
            <Field label="API key" htmlFor={keyId}>
              <div className="flex gap-2">
                <Input
                  id={keyId}
                  readOnly
                  value={created.key}
                  className="font-mono text-xs md:text-xs"
                  onFocus={(event) => event.currentTarget.select()}
                />
                <Button type="button" variant="outline" onClick={() => copy(created.key)}>
                  {copied ? <Check aria-hidden="true" /> : <Copy aria-hidden="true" />}
                  {copied ? "Copied" : "Copy"}
                </Button>
              </div>
            </Field>
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button">Done</Button>
              </DialogClose>
            </DialogFooter>
          </>
        ) : (
          <>
            <DialogHeader>
              <DialogTitle>Create API key</DialogTitle>
              <DialogDescription>
                A key lets a custom channel or bridge send customer messages into this workspace and
                read its conversations.
              </DialogDescription>
            </DialogHeader>
            <form onSubmit={onSubmit} noValidate className="grid gap-4">
              <FormError message={error && !error.fields ? error.message : null} />
              <Field
                label="Name"
                htmlFor={nameId}
                error={nameError}
                hint="What uses it, so you know which key to revoke later."
              >
                <Input
                  {...fieldControlProps({ id: nameId, error: nameError, hint: true })}
                  name="name"
                  maxLength={60}
                  autoComplete="off"
                  placeholder="Telegram bridge"
                  required
                />
              </Field>
              <DialogFooter>
                <DialogClose asChild>
                  <Button type="button" variant="outline" disabled={pending}>
                    Cancel
                  </Button>
                </DialogClose>
                <Button type="submit" loading={pending}>
                  Create key
                </Button>
              </DialogFooter>
            </form>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
