"use client";

// Interactive pieces of the UI preview: they need state or event handlers.

import {
  ArchiveIcon,
  CircleUserRoundIcon,
  EllipsisIcon,
  LogOutIcon,
  TagIcon,
  Trash2Icon,
  UserPlusIcon,
} from "lucide-react";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuShortcut,
  DropdownMenuSub,
  DropdownMenuSubContent,
  DropdownMenuSubTrigger,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function LoadingButtonDemo() {
  const [loading, setLoading] = useState(false);
  async function save() {
    setLoading(true);
    await wait(1500);
    setLoading(false);
    toast.success("Saved");
  }
  return (
    <Button loading={loading} onClick={save}>
      Save changes
    </Button>
  );
}

export function FormDialogDemo() {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    if (!email.includes("@")) {
      setError("Enter an email address, like dana@example.com.");
      return;
    }
    setError(undefined);
    setPending(true);
    await wait(1000);
    setPending(false);
    setOpen(false);
    toast.success("Invitation sent", { description: `${email} will get an email shortly.` });
  }

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline">
          <UserPlusIcon aria-hidden="true" />
          Invite teammate
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Invite a teammate</DialogTitle>
          <DialogDescription>
            They will join Acme Support as an agent. You can change their role later.
          </DialogDescription>
        </DialogHeader>
        <form id="invite-form" className="grid gap-4" onSubmit={submit} noValidate>
          <Field label="Email" htmlFor="invite-email" error={error}>
            <Input
              {...fieldControlProps({ id: "invite-email", error })}
              name="email"
              type="email"
              autoComplete="off"
              placeholder="dana@example.com"
            />
          </Field>
          <Field label="Note" htmlFor="invite-note" hint="Included in the email." optional>
            <Textarea
              {...fieldControlProps({ id: "invite-note", hint: true })}
              name="note"
              placeholder="Welcome aboard!"
            />
          </Field>
        </form>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline" disabled={pending}>
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" form="invite-form" loading={pending}>
            Send invite
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

export function ConfirmDialogDemo() {
  return (
    <>
      <ConfirmDialog
        trigger={
          <Button variant="destructive">
            <Trash2Icon aria-hidden="true" />
            Delete conversation
          </Button>
        }
        title="Delete this conversation?"
        description="The conversation and its 14 messages will be removed for everyone. This cannot be undone."
        confirmLabel="Delete conversation"
        destructive
        onConfirm={async () => {
          await wait(1200);
          toast("Conversation deleted");
        }}
      />
      <ConfirmDialog
        trigger={<Button variant="secondary">Resolve all</Button>}
        title="Resolve 8 conversations?"
        description="They move to Resolved and customers are told their request is closed."
        confirmLabel="Resolve all"
        onConfirm={() => {
          toast.success("8 conversations resolved");
        }}
      />
    </>
  );
}

export function DropdownMenuDemo() {
  const [showResolved, setShowResolved] = useState(true);
  const [showSpam, setShowSpam] = useState(false);
  const [sort, setSort] = useState("newest");
  const [confirmOpen, setConfirmOpen] = useState(false);

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" size="icon" aria-label="Conversation actions">
            <EllipsisIcon aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent className="w-56">
          <DropdownMenuLabel>Conversation</DropdownMenuLabel>
          <DropdownMenuGroup>
            <DropdownMenuItem onSelect={() => toast("Assigned to you")}>
              <CircleUserRoundIcon aria-hidden="true" />
              Assign to me
              <DropdownMenuShortcut>I</DropdownMenuShortcut>
            </DropdownMenuItem>
            <DropdownMenuSub>
              <DropdownMenuSubTrigger>
                <TagIcon aria-hidden="true" />
                Add tag
              </DropdownMenuSubTrigger>
              <DropdownMenuSubContent>
                {["Billing", "Bug", "Feature request"].map((tag) => (
                  <DropdownMenuItem key={tag} onSelect={() => toast(`Tagged “${tag}”`)}>
                    {tag}
                  </DropdownMenuItem>
                ))}
              </DropdownMenuSubContent>
            </DropdownMenuSub>
            <DropdownMenuItem onSelect={() => toast("Archived")}>
              <ArchiveIcon aria-hidden="true" />
              Archive
              <DropdownMenuShortcut>E</DropdownMenuShortcut>
            </DropdownMenuItem>
            <DropdownMenuItem disabled>
              <LogOutIcon aria-hidden="true" />
              Leave (disabled)
            </DropdownMenuItem>
          </DropdownMenuGroup>
          <DropdownMenuSeparator />
          <DropdownMenuLabel>Show</DropdownMenuLabel>
          <DropdownMenuCheckboxItem checked={showResolved} onCheckedChange={setShowResolved}>
            Resolved
          </DropdownMenuCheckboxItem>
          <DropdownMenuCheckboxItem checked={showSpam} onCheckedChange={setShowSpam}>
            Spam
          </DropdownMenuCheckboxItem>
          <DropdownMenuSeparator />
          <DropdownMenuLabel>Sort by</DropdownMenuLabel>
          <DropdownMenuRadioGroup value={sort} onValueChange={setSort}>
            <DropdownMenuRadioItem value="newest">Newest first</DropdownMenuRadioItem>
            <DropdownMenuRadioItem value="oldest">Oldest first</DropdownMenuRadioItem>
            <DropdownMenuRadioItem value="waiting">Longest waiting</DropdownMenuRadioItem>
          </DropdownMenuRadioGroup>
          <DropdownMenuSeparator />
          {/* Opening a dialog from a menu: let the menu close first, then open it controlled. */}
          <DropdownMenuItem variant="destructive" onSelect={() => setConfirmOpen(true)}>
            <Trash2Icon aria-hidden="true" />
            Delete…
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <ConfirmDialog
        open={confirmOpen}
        onOpenChange={setConfirmOpen}
        title="Delete this conversation?"
        description="This cannot be undone."
        confirmLabel="Delete"
        destructive
        onConfirm={() => {
          toast("Conversation deleted");
        }}
      />
    </>
  );
}

export function ToastDemo() {
  return (
    <>
      <Button variant="outline" onClick={() => toast("Conversation snoozed until tomorrow")}>
        Default
      </Button>
      <Button
        variant="outline"
        onClick={() => toast.success("Reply sent", { description: "Dana will see it by email." })}
      >
        Success
      </Button>
      <Button
        variant="outline"
        onClick={() =>
          toast.error("Could not send reply", { description: "Check your connection and retry." })
        }
      >
        Error
      </Button>
      <Button
        variant="outline"
        onClick={() =>
          toast("Conversation archived", {
            action: { label: "Undo", onClick: () => toast("Restored") },
          })
        }
      >
        With action
      </Button>
      <Button
        variant="outline"
        onClick={() =>
          toast.promise(wait(1500), {
            loading: "Importing contacts…",
            success: "240 contacts imported",
            error: "Import failed",
          })
        }
      >
        Promise
      </Button>
    </>
  );
}
