import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUserId } from "@/lib/auth/auth";
import { safeRedirect } from "@/lib/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

// Auth.js sends people here with `?error=<type>` when a flow fails.
const authErrors: Record<string, string> = {
  Verification: "That sign-in link has expired or has already been used. Request a new one below.",
  CredentialsSignin: "Wrong email or password.",
  AccessDenied: "You cannot sign in with that account.",
};

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  const target = safeRedirect(callbackUrl, "/");
  if (await currentUserId()) redirect(target);
  const notice = error
    ? (authErrors[error] ?? "Sign-in did not work this time. Please try again.")
    : undefined;
  return <SignInForm callbackUrl={callbackUrl ? target : undefined} notice={notice} />;
}
