"use client";

import { Mail, Phone, X } from "lucide-react";
import { Dialog as DialogPrimitive } from "radix-ui";
import type { ReactNode } from "react";
import { Avatar } from "@/components/ui/avatar";
import { dialogOverlayClassName } from "@/components/ui/dialog";
import { formatRelative } from "@/lib/format";
import { AgentSessionsHistory } from "./agent-sessions-history";
import { ChannelIcon } from "./channel";
import { OwnershipSection } from "./ownership-section";
import { describeEvent, type NameLookup } from "./thread-items";
import type { DetailResponse } from "./types";
import type { OwnershipControls } from "./use-assignment";
import { useNow } from "./use-now";

export const DETAILS_ID = "inbox-details";

/**
 * Contact, ownership and history. Beside the thread on very wide screens (where three panes
 * still leave the thread room); a sheet from the right elsewhere, from the bottom on phones.
 */
export function DetailsDrawer({
  detail,
  names,
  ownership,
  wide,
  open,
  onOpenChange,
}: {
  detail: DetailResponse;
  names: NameLookup;
  ownership: OwnershipControls;
  wide: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const content = <DetailsContent detail={detail} names={names} ownership={ownership} />;
  if (wide) {
    return open ? (
      <aside
        id={DETAILS_ID}
        aria-label="Conversation details"
        className="hidden w-72 shrink-0 flex-col overflow-y-auto border-border border-l bg-muted/20 2xl:flex"
      >
        {content}
      </aside>
    ) : null;
  }
  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className={dialogOverlayClassName} />
        <DialogPrimitive.Content
          id={DETAILS_ID}
          className="fixed inset-x-0 bottom-0 z-50 flex max-h-[85dvh] flex-col overflow-y-auto rounded-t-xl border-border border-t bg-background pb-[env(safe-area-inset-bottom)] shadow-xl outline-none data-[state=closed]:animate-sheet-out data-[state=open]:animate-sheet-in sm:inset-y-0 sm:right-0 sm:left-auto sm:max-h-none sm:w-96 sm:max-w-[90vw] sm:rounded-none sm:border-t-0 sm:border-l sm:data-[state=closed]:animate-fade-out sm:data-[state=open]:animate-fade-in"
        >
          <div className="flex items-center justify-between border-border border-b px-4 py-3">
            <DialogPrimitive.Title className="font-semibold">Details</DialogPrimitive.Title>
            <DialogPrimitive.Close className="inline-flex size-8 items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-accent-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring">
              <X aria-hidden="true" className="size-4" />
              <span className="sr-only">Close details</span>
            </DialogPrimitive.Close>
          </div>
          <DialogPrimitive.Description className="sr-only">
            The contact, who owns this conversation, its AI agent sessions and its history.
          </DialogPrimitive.Description>
          {content}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

function DetailsContent({
  detail,
  names,
  ownership,
}: {
  detail: DetailResponse;
  names: NameLookup;
  ownership: OwnershipControls;
}) {
  const { contact, identities, events, agentSessions } = detail;
  const now = useNow();
  const name = contact.name?.trim() || contact.email || contact.phone || "Unknown contact";
  const attributes = Object.entries(contact.attributes);

  return (
    <div className="flex flex-col divide-y divide-border">
      <Section title="Contact">
        <div className="flex items-center gap-3">
          <Avatar name={name} size="lg" decorative />
          <p className="min-w-0 break-words font-medium">{name}</p>
        </div>
        <dl className="mt-3 grid gap-2 text-sm">
          {contact.email ? (
            <Field label="Email">
              <a
                href={`mailto:${contact.email}`}
                className="inline-flex min-w-0 items-center gap-1.5 break-all text-link hover:underline"
              >
                <Mail aria-hidden="true" className="size-3.5 shrink-0" />
                {contact.email}
              </a>
            </Field>
          ) : null}
          {contact.phone ? (
            <Field label="Phone">
              <a
                href={`tel:${contact.phone}`}
                className="inline-flex items-center gap-1.5 text-link hover:underline"
              >
                <Phone aria-hidden="true" className="size-3.5 shrink-0" />
                {contact.phone}
              </a>
            </Field>
          ) : null}
          {identities.map((identity) => (
            <Field
              key={`${identity.channel}-${identity.handle}`}
              label={<ChannelIcon channel={identity.channel} label="visible" />}
            >
              <span className="break-all">{identity.handle}</span>
            </Field>
          ))}
          {attributes.map(([key, value]) => (
            <Field key={key} label={key}>
              <span className="break-words">{value}</span>
            </Field>
          ))}
        </dl>
      </Section>

      <Section title="Ownership">
        <OwnershipSection ownership={ownership} />
      </Section>

      {agentSessions.length > 0 ? (
        <Section title="Agent sessions">
          <AgentSessionsHistory sessions={agentSessions} />
        </Section>
      ) : null}

      <Section title="History">
        {events.length === 0 ? (
          <p className="text-muted-foreground text-sm">Nothing has happened yet.</p>
        ) : (
          <ol className="relative grid gap-3 border-border border-l pl-4">
            {[...events].reverse().map((event) => (
              <li key={event.id} className="relative text-sm">
                <span
                  aria-hidden="true"
                  className="-left-[21px] absolute top-1.5 size-2.5 rounded-full border-2 border-background bg-muted-foreground/50"
                />
                <p className="leading-snug">{describeEvent(event, names)}</p>
                <time
                  dateTime={event.createdAt}
                  title={new Date(event.createdAt).toLocaleString()}
                  className="text-muted-foreground text-xs"
                >
                  {formatRelative(new Date(event.createdAt), now)}
                </time>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="px-4 py-4">
      <h3 className="mb-3 font-semibold text-muted-foreground text-xs uppercase tracking-wide">
        {title}
      </h3>
      {children}
    </section>
  );
}

function Field({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[6rem_minmax(0,1fr)] items-baseline gap-2">
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}
