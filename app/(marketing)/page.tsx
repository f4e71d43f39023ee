import { ArrowRight, Bot, Inbox, Users } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Logo } from "@/components/logo";
import { ThemeToggle } from "@/components/theme-toggle";
import { buttonVariants } from "@/components/ui/button-variants";
import { getDb } from "@/db/client";
import { currentUserId } from "@/lib/auth/auth";
import { listWorkspacesForUser } from "@/lib/workspaces/queries";

const features = [
  {
    icon: Inbox,
    title: "One owner per conversation",
    text: "A person, a team or an AI agent. Never nobody, never two people answering at once.",
  },
  {
    icon: Users,
    title: "Built for small teams",
    text: "Invite colleagues by email, give them roles, and route work fairly across whoever is online.",
  },
  {
    icon: Bot,
    title: "AI that hands off cleanly",
    text: "Let an AI agent take the first reply and pass the customer to your team when it should.",
  },
];

export default async function Home() {
  const userId = await currentUserId();
  if (userId) {
    const [first] = await listWorkspacesForUser(await getDb(), userId);
    redirect(first ? `/${first.slug}/inbox` : "/workspaces/new");
  }
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between px-4 py-4 sm:px-8">
        <Logo />
        <nav aria-label="Account" className="flex items-center gap-2">
          <ThemeToggle />
          <Link href="/sign-in" className={buttonVariants({ variant: "ghost", size: "sm" })}>
            Sign in
          </Link>
          <Link href="/sign-up" className={buttonVariants({ size: "sm" })}>
            Get started
          </Link>
        </nav>
      </header>
      <main className="flex flex-1 flex-col items-center px-4 pb-20 pt-16 text-center sm:pt-24">
        <h1 className="max-w-2xl text-4xl font-semibold tracking-tight sm:text-5xl">
          The team inbox where every customer has an owner.
        </h1>
        <p className="mt-4 max-w-xl text-lg text-muted-foreground">
          Web chat, WhatsApp and API conversations in one place, with live ownership everyone can
          see, and reports that show who carries the load.
        </p>
        <div className="mt-8 flex flex-wrap justify-center gap-3">
          <Link href="/sign-up" className={buttonVariants({ size: "lg" })}>
            Create your workspace <ArrowRight className="size-4" aria-hidden />
          </Link>
          <Link href="/sign-in" className={buttonVariants({ variant: "outline", size: "lg" })}>
            Sign in
          </Link>
        </div>
        <ul className="mt-20 grid w-full max-w-4xl gap-4 text-left sm:grid-cols-3">
          {features.map(({ icon: Icon, title, text }) => (
            <li key={title} className="rounded-xl border border-border bg-card p-5 shadow-sm">
              <Icon className="size-5 text-primary" aria-hidden />
              <h2 className="mt-3 font-semibold">{title}</h2>
              <p className="mt-1 text-sm text-muted-foreground">{text}</p>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
