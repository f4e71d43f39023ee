import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { currentUserId } from "@/lib/auth/auth";
import { safeRedirect } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Create your account" };

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const { callbackUrl } = await searchParams;
  if (await currentUserId()) redirect(safeRedirect(callbackUrl, "/"));
  return <SignUpForm callbackUrl={callbackUrl ? safeRedirect(callbackUrl) : undefined} />;
}
