import type { Metadata } from "next";
import { PasswordForm } from "@/components/settings/account/password-form";
import { requireWorkspace } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Account" };

/** Settings → Account: the signed-in person's own sign-in, whatever their role. */
export default async function AccountSettingsPage({
  params,
}: {
  params: Promise<{ workspace: string }>;
}) {
  const { workspace: slug } = await params;
  const { user } = await requireWorkspace(slug);
  return (
    <div className="max-w-2xl">
      <PasswordForm email={user.email} hasPassword={user.passwordHash !== null} />
    </div>
  );
}
