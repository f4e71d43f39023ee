import { Button, Heading, Hr, Section, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./components/layout";

export interface InvitationEmailProps {
  workspaceName: string;
  inviterName: string;
  roleLabel: string;
  url: string;
  expiresAt: Date;
}

export const invitationSubject = ({ inviterName, workspaceName }: InvitationEmailProps) =>
  `${inviterName} invited you to ${workspaceName} on Switchboard`;

export function InvitationEmail(props: InvitationEmailProps) {
  const { workspaceName, inviterName, roleLabel, url, expiresAt } = props;
  const expiry = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(
    expiresAt,
  );
  return (
    <EmailLayout
      preview={`Join ${workspaceName} as ${roleLabel}`}
      footer="You received this email because someone invited this address to a Switchboard workspace."
    >
      <Heading as="h1" style={emailStyles.heading}>
        Join {workspaceName} on Switchboard
      </Heading>
      <Text style={emailStyles.paragraph}>
        {inviterName} invited you to answer customers together in {workspaceName}, as{" "}
        <strong>{roleLabel}</strong>.
      </Text>
      <Section style={emailStyles.buttonRow}>
        <Button href={url} style={emailStyles.button}>
          Accept invitation
        </Button>
      </Section>
      <Text style={emailStyles.muted}>
        If the button does not work, paste this link into your browser:
      </Text>
      <Text style={emailStyles.url}>{url}</Text>
      <Hr style={emailStyles.hr} />
      <Text style={emailStyles.muted}>
        The invitation works once and expires on {expiry}. If you were not expecting it, you can
        ignore this email.
      </Text>
    </EmailLayout>
  );
}
