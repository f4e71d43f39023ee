import { MailIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { getDb } from "@/db/client";
import { devMailboxEnabled, listDevMailbox } from "@/lib/email/dev-mailbox";
import { MailboxMessage } from "./mailbox-message";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false } };

export default async function DevMailboxPage() {
  if (!devMailboxEnabled()) notFound();
  const messages = await listDevMailbox(await getDb());
  const now = new Date();

  return (
    <main className="mx-auto w-full max-w-3xl px-4 py-8 text-foreground sm:px-6 sm:py-12">
      <header className="mb-6 flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h1 className="font-semibold text-2xl tracking-tight">Dev mailbox</h1>
          <p className="text-muted-foreground text-sm">
            Email recorded instead of sent, because RESEND_API_KEY is not set. Newest first.
          </p>
        </div>
        <Link
          href="/dev/mailbox"
          prefetch={false}
          className="rounded-md border border-border bg-card px-3 py-1.5 font-medium text-sm hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          Refresh
        </Link>
      </header>
      {messages.length === 0 ? (
        <EmptyState
          icon={MailIcon}
          title="No emails yet."
          description="Sign-in links and invitations appear here while RESEND_API_KEY is not set."
          className="rounded-xl border border-border border-dashed bg-card"
        />
      ) : (
        <ol className="space-y-4" aria-label="Emails, newest first">
          {messages.map((message) => (
            <li key={message.id}>
              <MailboxMessage message={message} now={now} />
            </li>
          ))}
        </ol>
      )}
    </main>
  );
}
