import { MailCheck } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { devMailboxEnabled } from "@/lib/email/dev-mailbox";

export const metadata: Metadata = { title: "Check your email" };

export default async function CheckEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ email?: string }>;
}) {
  const { email } = await searchParams;
  return (
    <div className="space-y-6 rounded-xl border border-border bg-card p-6 text-center shadow-sm">
      <div className="mx-auto flex size-12 items-center justify-center rounded-full bg-primary/10 text-primary">
        <MailCheck className="size-6" aria-hidden />
      </div>
      <div className="space-y-2">
        <h1 className="text-xl font-semibold tracking-tight">Check your email</h1>
        <p className="text-sm text-muted-foreground">
          We sent a sign-in link to{" "}
          <span className="font-medium text-foreground">{email ?? "your inbox"}</span>. It works
          once and expires in an hour.
        </p>
      </div>
      {devMailboxEnabled() && !process.env.RESEND_API_KEY ? (
        <p className="rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
          Email is not configured, so the link is in the{" "}
          <Link href="/dev/mailbox" className="font-medium text-foreground underline">
            dev mailbox
          </Link>
          .
        </p>
      ) : null}
      <Link href="/sign-in" className="text-sm font-medium underline-offset-4 hover:underline">
        Back to sign in
      </Link>
    </div>
  );
}
