-- An email link that proves someone owns an address invalidates what was set up on that account
-- before anyone had proved it (a password, the sessions it signed in): lib/auth/email-ownership.ts.
ALTER TABLE "users" ADD COLUMN "sessions_valid_after" timestamp with time zone;
