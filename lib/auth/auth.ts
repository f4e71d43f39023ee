import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { AuthError, CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { sendMagicLinkEmail } from "@/lib/email/send-magic-link-email";
import { AppError } from "@/lib/errors";
import { requestIp } from "@/lib/request-ip";
import { claimEmailOwnership, sessionRevoked } from "./email-ownership";
import { signInSchema } from "./schemas";
import { authSecret } from "./secret";
import { verifyCredentials, WRONG_CREDENTIALS } from "./verify-credentials";

export const MAGIC_LINK_MAX_AGE_SECONDS = 60 * 60;

/**
 * Carries our refusal through Auth.js as `code:message`; safe to show, since it names no
 * account ("Wrong email or password." or the rate-limit wait).
 */
export class SignInRefused extends CredentialsSignin {
  constructor(error: AppError) {
    super(error.message);
    this.code = `${error.code}:${error.message}`;
  }
}

export function refusalFromCode(code: string): AppError {
  const separator = code.indexOf(":");
  const kind = code.slice(0, separator);
  const message = code.slice(separator + 1);
  if (separator > 0 && (kind === "rate_limited" || kind === "unauthenticated")) {
    return new AppError(kind, message);
  }
  return new AppError("unauthenticated", WRONG_CREDENTIALS);
}

// The lazy form: the database (PGlite in particular) opens asynchronously.
export const { handlers, auth, signIn, signOut } = NextAuth(async () => {
  const db = await getDb();
  const adapter = DrizzleAdapter(db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  return {
    adapter: {
      ...adapter,
      // An email link marks its address verified: first, undo what an unproven owner set up.
      async updateUser(user) {
        if (user.emailVerified) await claimEmailOwnership(db, { userId: user.id });
        if (!adapter.updateUser) throw new Error("the Drizzle adapter has no updateUser");
        return adapter.updateUser(user);
      },
    },
    // The email provider needs an adapter, which would default sessions to `database`;
    // Credentials only issues JWTs, so both use JWT sessions.
    session: { strategy: "jwt" },
    secret: authSecret(),
    pages: { signIn: "/sign-in", error: "/sign-in", verifyRequest: "/check-email" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(raw, request) {
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) {
            throw new SignInRefused(new AppError("unauthenticated", WRONG_CREDENTIALS));
          }
          try {
            const user = await verifyCredentials(db, { ...parsed.data, ip: requestIp(request) });
            return { id: user.id, name: user.name, email: user.email, image: user.image };
          } catch (error) {
            if (error instanceof AppError) throw new SignInRefused(error);
            throw error;
          }
        },
      }),
      {
        id: "email",
        type: "email",
        name: "Email",
        maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
        // Auth.js's own Resend provider posts to a hard-coded URL; ours goes through the outbox.
        async sendVerificationRequest({ identifier, url, expires }) {
          // magicLinkAction checks first, for its message; a POST straight to
          // /api/auth/signin/email skips the action and sends nothing here. No throw: Auth.js
          // starts this before it awaits it, so a rejection would go unhandled meanwhile.
          if (!(await sendMagicLinkEmail({ to: identifier, url, expires }))) {
            console.warn("[auth] sign-in link not sent: the address's limit is reached");
          }
        },
      },
    ],
    logger: {
      // A wrong password or a used link is an everyday refusal, not a server fault.
      error(error) {
        const type = error instanceof AuthError ? error.type : null;
        if (type === "CredentialsSignin" || type === "Verification") console.warn(`[auth] ${type}`);
        else console.error("[auth]", error);
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
          token.signedInAt = Date.now();
          return token;
        }
        // Read on every request: a session begun before its account's sessions were revoked
        // (email-ownership.ts) ends here. Sessions from before this check existed count as 0.
        const signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : 0;
        if (token.sub && (await sessionRevoked(db, { userId: token.sub, signedInAt }))) return null;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
});

/** The signed-in user's id, or null. Membership and role are always read from the database. */
export async function currentUserId(): Promise<string | null> {
  const session = await auth();
  return session?.user?.id ?? null;
}
