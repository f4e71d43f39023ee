import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 10;

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address, like sam@example.com." }));

const newPassword = z
  .string({ error: "Choose a password." })
  .min(MIN_PASSWORD_LENGTH, {
    error: `Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`,
  })
  .max(200, { error: "Keep your password under 200 characters." });

export const signUpSchema = z.object({
  name: z
    .string({ error: "Enter your name." })
    .trim()
    .min(1, { error: "Enter your name." })
    .max(100, { error: "Keep your name under 100 characters." }),
  email: emailSchema,
  password: newPassword,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

/** Settings → Account: a new password, with the current one when the account has one. */
export const setPasswordSchema = z.object({
  current: z.string().max(200).optional(),
  password: newPassword,
});
export type SetPasswordInput = z.infer<typeof setPasswordSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, { error: "Enter your password." }),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const magicLinkSchema = z.object({ email: emailSchema });
