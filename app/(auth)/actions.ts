"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { publicAction } from "@/lib/auth/actions";
import { refusalFromCode, signIn, signOut } from "@/lib/auth/auth";
import { assertMagicLinkAllowed } from "@/lib/auth/magic-link-limit";
import { magicLinkSchema, signInSchema, signUpSchema } from "@/lib/auth/schemas";
import { signUpUser } from "@/lib/auth/sign-up";
import { AppError } from "@/lib/errors";
import { safeRedirect } from "@/lib/safe-redirect";

const callbackUrl = z.string().max(500).optional();

export const signUpAction = publicAction(
  { name: "auth.signUp", schema: signUpSchema.extend({ callbackUrl }) },
  async (input, { db }) => {
    await signUpUser(db, input);
    await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    return { redirectTo: safeRedirect(input.callbackUrl, "/workspaces/new") };
  },
);

export const signInAction = publicAction(
  { name: "auth.signIn", schema: signInSchema.extend({ callbackUrl }) },
  async (input) => {
    try {
      await signIn("credentials", {
        email: input.email,
        password: input.password,
        redirect: false,
      });
    } catch (error) {
      if (error instanceof CredentialsSignin) throw refusalFromCode(error.code);
      throw error;
    }
    return { redirectTo: safeRedirect(input.callbackUrl, "/") };
  },
);

export const magicLinkAction = publicAction(
  { name: "auth.magicLink", schema: magicLinkSchema.extend({ callbackUrl }) },
  async (input, { db }) => {
    await assertMagicLinkAllowed(db, input.email);
    try {
      await signIn("email", {
        email: input.email,
        redirect: false,
        redirectTo: safeRedirect(input.callbackUrl, "/"),
      });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      console.error("[auth.magicLink] the sign-in email could not be sent", error);
      throw new AppError(
        "internal",
        "We could not send the sign-in email just now. Sign in with your password, or try again in a few minutes.",
      );
    }
    return { redirectTo: `/check-email?email=${encodeURIComponent(input.email)}` };
  },
);

export const signOutAction = publicAction(
  { name: "auth.signOut", schema: z.object({ redirectTo: callbackUrl }) },
  async (input) => {
    await signOut({ redirect: false });
    return { redirectTo: safeRedirect(input.redirectTo, "/sign-in") };
  },
);
