"use client";

import { Fragment } from "react";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Kbd } from "@/components/ui/kbd";

const shortcuts: { keys: string[]; action: string; replyOnly?: boolean }[] = [
  { keys: ["j"], action: "Next conversation" },
  { keys: ["k"], action: "Previous conversation" },
  { keys: ["Enter"], action: "Open the selected conversation" },
  { keys: ["r"], action: "Reply", replyOnly: true },
  { keys: ["e"], action: "Close the open conversation", replyOnly: true },
  { keys: ["/"], action: "Search" },
  { keys: ["Enter"], action: "Send, in the reply box", replyOnly: true },
  { keys: ["Shift", "Enter"], action: "New line, in the reply box", replyOnly: true },
  { keys: ["Esc"], action: "Leave a text field" },
  { keys: ["?"], action: "Show these shortcuts" },
];

export function ShortcutsDialog({
  open,
  onOpenChange,
  canReply,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  canReply: boolean;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>Keyboard shortcuts</DialogTitle>
          <DialogDescription>
            They work anywhere in the inbox outside a text field.
          </DialogDescription>
        </DialogHeader>
        <dl className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-6 gap-y-2.5 text-sm">
          {shortcuts
            .filter((shortcut) => canReply || !shortcut.replyOnly)
            .map((shortcut) => (
              <Fragment key={shortcut.action}>
                <dt>{shortcut.action}</dt>
                <dd className="flex items-center justify-end gap-1">
                  {shortcut.keys.map((key, index) => (
                    <Fragment key={key}>
                      {index > 0 ? (
                        <span aria-hidden="true" className="text-muted-foreground text-xs">
                          +
                        </span>
                      ) : null}
                      <Kbd>{key}</Kbd>
                    </Fragment>
                  ))}
                </dd>
              </Fragment>
            ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}
