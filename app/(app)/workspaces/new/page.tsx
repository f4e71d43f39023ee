import type { Metadata } from "next";
import Link from "next/link";
import { Logo } from "@/components/logo";
import { CreateWorkspaceForm } from "@/components/workspaces/create-workspace-form";
import { getDb } from "@/db/client";
import { requireUser } from "@/lib/auth/page";
import { roleLabels } from "@/lib/auth/permissions";
import { listWorkspacesForUser } from "@/lib/workspaces/queries";

export const metadata: Metadata = { title: "Create a workspace" };

export default async function NewWorkspacePage() {
  const user = await requireUser();
  const workspaces = await listWorkspacesForUser(await getDb(), user.id);
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header className="px-4 py-4 sm:px-8">
        <Logo />
      </header>
      <main className="flex flex-1 justify-center px-4 pb-16 pt-6 sm:pt-16">
        <div className="w-full max-w-md space-y-6">
          <div className="space-y-1.5 text-center">
            <h1 className="text-2xl font-semibold tracking-tight">
              {workspaces.length === 0
                ? `Welcome, ${user.name ?? user.email}`
                : "Create a workspace"}
            </h1>
            <p className="text-sm text-muted-foreground">
              A workspace is your company&apos;s shared inbox. You will be its Admin and can invite
              your team next.
            </p>
          </div>
          <CreateWorkspaceForm />
          {workspaces.length > 0 ? (
            <div className="rounded-xl border border-border bg-card p-4 shadow-sm">
              <h2 className="mb-2 text-sm font-medium text-muted-foreground">
                Or open one of yours
              </h2>
              <ul className="divide-y divide-border">
                {workspaces.map((workspace) => (
                  <li key={workspace.id}>
                    <Link
                      href={`/${workspace.slug}/inbox`}
                      className="flex items-center justify-between gap-3 rounded-md px-2 py-2 text-sm hover:bg-accent"
                    >
                      <span className="truncate font-medium">{workspace.name}</span>
                      <span className="text-xs text-muted-foreground">
                        {roleLabels[workspace.role]}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </main>
    </div>
  );
}
