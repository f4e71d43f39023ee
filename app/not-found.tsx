import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/logo";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-8 px-6 py-16 text-center">
      <Link href="/" aria-label="Switchboard home" className="rounded-md">
        <Logo size="md" />
      </Link>
      <div className="flex flex-col items-center gap-2">
        <p className="font-medium font-mono text-muted-foreground text-sm">404</p>
        <h1 className="text-balance font-semibold text-2xl tracking-tight">
          This page isn&apos;t on the board
        </h1>
        <p className="max-w-sm text-balance text-muted-foreground text-sm">
          The link may be broken, or the page may have moved. Check the address, or head back to
          your inbox.
        </p>
      </div>
      <Button asChild>
        <Link href="/">Go home</Link>
      </Button>
    </main>
  );
}
