import { ArrowRightIcon, InboxIcon, MailIcon, PlusIcon, SearchIcon, SendIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { Logo } from "@/components/logo";
import { ThemeToggle } from "@/components/theme-toggle";
import { Avatar, AvatarGroup } from "@/components/ui/avatar";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ButtonSize, ButtonVariant } from "@/components/ui/button-variants";
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, fieldControlProps } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Kbd } from "@/components/ui/kbd";
import { Label } from "@/components/ui/label";
import { Separator } from "@/components/ui/separator";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Textarea } from "@/components/ui/textarea";
import {
  ConfirmDialogDemo,
  DropdownMenuDemo,
  FormDialogDemo,
  LoadingButtonDemo,
  ToastDemo,
} from "./demos";

export const metadata: Metadata = { title: "UI preview", robots: { index: false } };

const buttonVariantNames: ButtonVariant[] = [
  "default",
  "secondary",
  "outline",
  "ghost",
  "destructive",
  "link",
];
const buttonSizeNames: Exclude<ButtonSize, "icon">[] = ["sm", "md", "lg"];
const badgeVariantNames: BadgeVariant[] = [
  "default",
  "secondary",
  "outline",
  "success",
  "warning",
  "destructive",
];
const swatches = [
  "bg-background",
  "bg-card",
  "bg-popover",
  "bg-primary",
  "bg-secondary",
  "bg-muted",
  "bg-accent",
  "bg-destructive",
  "bg-success",
  "bg-warning",
  "bg-border",
  "bg-input",
  "bg-ring",
] as const;
const people = ["Dana Scully", "Fox Mulder", "Walter Skinner", "sam@example.io", "Monica Reyes"];
// A data URI so the image branch of Avatar renders without network access.
const sampleImage = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><defs><linearGradient id="g" x2="1" y2="1"><stop stop-color="#818cf8"/><stop offset="1" stop-color="#f472b6"/></linearGradient></defs><rect width="40" height="40" fill="url(#g)"/><circle cx="20" cy="16" r="7" fill="#fff" fill-opacity=".85"/><path d="M6 40c2-9 8-13 14-13s12 4 14 13" fill="#fff" fill-opacity=".85"/></svg>',
)}`;

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = title.toLowerCase().replace(/[^a-z]+/g, "-");
  return (
    <section aria-labelledby={id} className="grid gap-4">
      <h2 id={id} className="font-semibold text-muted-foreground text-sm uppercase tracking-wide">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Row({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap items-center gap-3">{children}</div>;
}

export default function UiPreviewPage() {
  // A development aid only: production visitors get the normal 404.
  if (process.env.NODE_ENV === "production") notFound();

  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-40 border-b bg-background/80 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-5xl items-center justify-between gap-4 px-4 sm:px-6">
          <div className="flex items-center gap-3">
            <Logo size="sm" />
            <Separator orientation="vertical" className="h-5" />
            <span className="text-muted-foreground text-sm">UI preview</span>
          </div>
          <ThemeToggle />
        </div>
      </header>

      <main className="mx-auto grid max-w-5xl gap-12 px-4 py-10 sm:px-6">
        <h1 className="sr-only">UI primitives</h1>

        <Section title="Buttons">
          <div className="grid gap-3">
            {buttonVariantNames.map((variant) => (
              <Row key={variant}>
                <span className="w-24 font-mono text-muted-foreground text-xs">{variant}</span>
                {buttonSizeNames.map((size) => (
                  <Button key={size} variant={variant} size={size}>
                    {variant === "link" ? "Learn more" : `Button ${size}`}
                  </Button>
                ))}
                <Button variant={variant} disabled>
                  Disabled
                </Button>
              </Row>
            ))}
          </div>
          <Row>
            <Button>
              <PlusIcon aria-hidden="true" />
              New conversation
            </Button>
            <Button variant="secondary">
              <SendIcon aria-hidden="true" />
              Send
            </Button>
            <Button size="icon" aria-label="Compose">
              <PlusIcon aria-hidden="true" />
            </Button>
            <Button size="icon" variant="outline" aria-label="Search">
              <SearchIcon aria-hidden="true" />
            </Button>
            <Button size="icon" variant="ghost" aria-label="Inbox">
              <InboxIcon aria-hidden="true" />
            </Button>
            <Button loading>Saving</Button>
            <Button loading variant="outline" size="sm">
              Loading sm
            </Button>
            <LoadingButtonDemo />
            <Button asChild variant="outline">
              <Link href="/">
                Link as button
                <ArrowRightIcon aria-hidden="true" />
              </Link>
            </Button>
          </Row>
        </Section>

        <Section title="Badges">
          <Row>
            {badgeVariantNames.map((variant) => (
              <Badge key={variant} variant={variant}>
                {variant}
              </Badge>
            ))}
            <Badge variant="success">
              <span aria-hidden="true" className="size-1.5 rounded-full bg-current" />
              Open
            </Badge>
            <Badge variant="outline">
              <MailIcon aria-hidden="true" />
              Email
            </Badge>
          </Row>
        </Section>

        <Section title="Form controls">
          <div className="grid gap-6 sm:grid-cols-2">
            <Field label="Workspace name" htmlFor="p-name" hint="Shown to customers in emails.">
              <Input
                {...fieldControlProps({ id: "p-name", hint: true })}
                defaultValue="Acme Support"
              />
            </Field>
            <Field label="Email" htmlFor="p-email" error="That email is already a member.">
              <Input
                {...fieldControlProps({ id: "p-email", error: "That email is already a member." })}
                type="email"
                defaultValue="dana@acme.io"
              />
            </Field>
            <Field label="Search" htmlFor="p-search" optional>
              <Input id="p-search" type="search" placeholder="Search conversations…" />
            </Field>
            <Field label="Disabled" htmlFor="p-disabled">
              <Input id="p-disabled" disabled defaultValue="Can't touch this" />
            </Field>
            <Field label="Signature" htmlFor="p-signature" className="sm:col-span-2">
              <Textarea id="p-signature" placeholder="— Dana, Acme Support" />
            </Field>
            <div className="grid gap-2">
              <Label htmlFor="p-bare">Bare label + input</Label>
              <Input id="p-bare" placeholder="Placeholder" />
            </div>
            <div className="grid gap-2">
              <Label htmlFor="p-file">File</Label>
              <Input id="p-file" type="file" />
            </div>
          </div>
        </Section>

        <Section title="Avatars">
          <Row>
            {(["xs", "sm", "md", "lg"] as const).map((size) => (
              <Avatar key={size} name="Dana Scully" size={size} status="online" />
            ))}
            <Separator orientation="vertical" className="h-8" />
            <Avatar name="Fox Mulder" status="away" size="lg" />
            <Avatar name="Walter Skinner" status="offline" size="lg" />
            <Avatar name="Image avatar" image={sampleImage} size="lg" status="online" />
            <Avatar name="Broken image" image="/does-not-exist.png" size="lg" />
          </Row>
          <Row>
            {people.map((name) => (
              <div key={name} className="flex items-center gap-2 text-sm">
                <Avatar name={name} size="sm" decorative />
                {name}
              </div>
            ))}
          </Row>
          <AvatarGroup label="Viewing now">
            {people.map((name) => (
              <Avatar key={name} name={name} size="md" />
            ))}
          </AvatarGroup>
        </Section>

        <Section title="Cards">
          <div className="grid gap-6 md:grid-cols-2">
            <Card>
              <CardHeader>
                <CardTitle>Email forwarding</CardTitle>
                <CardDescription>
                  Forward support@acme.io to this address to receive email in Switchboard.
                </CardDescription>
              </CardHeader>
              <CardContent>
                <code className="block truncate rounded-md border bg-muted px-3 py-2 font-mono text-sm">
                  acme-7f3k@in.switchboard.app
                </code>
              </CardContent>
              <CardFooter className="justify-between">
                <span className="text-muted-foreground text-xs">Last email 2 minutes ago</span>
                <Button size="sm" variant="outline">
                  Copy
                </Button>
              </CardFooter>
            </Card>
            <Card>
              <EmptyState
                icon={InboxIcon}
                title="Inbox zero"
                description="Every conversation is answered. New ones will show up here as they arrive."
                action={
                  <Button variant="outline" size="sm">
                    View resolved
                  </Button>
                }
              />
            </Card>
          </div>
        </Section>

        <Section title="Dialogs and menus">
          <Row>
            <FormDialogDemo />
            <ConfirmDialogDemo />
            <DropdownMenuDemo />
          </Row>
        </Section>

        <Section title="Toasts">
          <Row>
            <ToastDemo />
          </Row>
        </Section>

        <Section title="Loading">
          <Row>
            <Spinner size="sm" />
            <Spinner />
            <Spinner size="lg" className="text-primary" />
            <span className="inline-flex items-center gap-2 text-muted-foreground text-sm">
              <Spinner size="sm" label={false} />
              Syncing mailbox…
            </span>
          </Row>
          <div aria-busy="true" className="grid max-w-md gap-3 rounded-lg border p-4">
            {[0, 1, 2].map((row) => (
              <div key={row} className="flex items-center gap-3">
                <Skeleton className="size-8 rounded-full" />
                <div className="grid flex-1 gap-1.5">
                  <Skeleton className="h-3.5 w-1/3" />
                  <Skeleton className="h-3 w-4/5" />
                </div>
              </div>
            ))}
          </div>
        </Section>

        <Section title="Keyboard, separators, logo">
          <Row>
            <span className="inline-flex items-center gap-1 text-sm">
              <Kbd>⌘</Kbd>
              <Kbd>K</Kbd>
              <span className="ml-1 text-muted-foreground">Command menu</span>
            </span>
            <span className="inline-flex items-center gap-1 text-sm">
              <Kbd>E</Kbd>
              <span className="ml-1 text-muted-foreground">Archive</span>
            </span>
            <span className="inline-flex items-center gap-1 text-sm">
              <Kbd>Shift</Kbd>
              <Kbd>?</Kbd>
              <span className="ml-1 text-muted-foreground">Shortcuts</span>
            </span>
          </Row>
          <div className="flex h-5 items-center gap-3 text-sm">
            <span>Inbox</span>
            <Separator orientation="vertical" />
            <span>Mentions</span>
            <Separator orientation="vertical" />
            <span>Resolved</span>
          </div>
          <Separator />
          <Row>
            <Logo size="sm" />
            <Logo size="md" />
            <Logo size="lg" />
            <Logo size="lg" markOnly />
          </Row>
        </Section>

        <Section title="Colour tokens">
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
            {swatches.map((swatch) => (
              <div key={swatch} className="grid gap-1.5">
                <div className={`h-12 rounded-md border ${swatch}`} />
                <span className="font-mono text-[11px] text-muted-foreground">{swatch}</span>
              </div>
            ))}
          </div>
          <p className="text-sm">
            Text: <span className="text-foreground">foreground</span> ·{" "}
            <span className="text-muted-foreground">muted</span> ·{" "}
            <span className="text-link">link</span> · <span className="text-success">success</span>{" "}
            · <span className="text-warning">warning</span> ·{" "}
            <span className="text-destructive">destructive</span>
          </p>
        </Section>
      </main>
    </div>
  );
}
