import { Button, Heading, Hr, Section, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./components/layout";

export interface MagicLinkEmailProps {
  url: string;
  expires: Date;
  /** When the email is written; fixed in tests so the expiry wording is stable. */
  now?: Date;
}

export const magicLinkSubject = "Sign in to Switchboard";

export function MagicLinkEmail({ url, expires, now = new Date() }: MagicLinkEmailProps) {
  return (
    <EmailLayout
      preview="Your sign-in link for Switchboard"
      footer="You received this email because someone asked to sign in to Switchboard with this address."
    >
      <Heading as="h1" style={emailStyles.heading}>
        Sign in to Switchboard
      </Heading>
      <Text style={emailStyles.paragraph}>
        Use the button below to sign in. The link works once.
      </Text>
      <Section style={emailStyles.buttonRow}>
        <Button href={url} style={emailStyles.button}>
          Sign in to Switchboard
        </Button>
      </Section>
      <Text style={emailStyles.muted}>
        If the button does not work, paste this link into your browser:
      </Text>
      <Text style={emailStyles.url}>{url}</Text>
      <Hr style={emailStyles.hr} />
      <Text style={emailStyles.muted}>
        {describeExpiry(expires, now)} If you did not ask for it, ignore this email: nobody can sign
        in without the link.
      </Text>
    </EmailLayout>
  );
}

/** "This link expires in 24 hours (at Nov 12, 2026, 2:32 PM UTC)." */
export function describeExpiry(expires: Date, now: Date): string {
  const remainingMs = expires.getTime() - now.getTime();
  const at = new Intl.DateTimeFormat("en-US", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(expires);
  if (remainingMs <= 0) return `This link expired at ${at} UTC.`;
  const hours = Math.round(remainingMs / 3_600_000);
  const minutes = Math.max(1, Math.round(remainingMs / 60_000));
  const span =
    hours >= 1 && minutes >= 60
      ? `${hours} ${hours === 1 ? "hour" : "hours"}`
      : `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
  return `This link expires in ${span} (at ${at} UTC).`;
}
