import { Button, Heading, Section, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./components/layout";

export interface ConversationAssignedEmailProps {
  workspaceName: string;
  contactName: string;
  /** "Dana assigned it to you" / "Routing chose you: fewest open conversations". */
  how: string;
  preview: string | null;
  url: string;
}

export const conversationAssignedSubject = ({
  contactName,
  workspaceName,
}: ConversationAssignedEmailProps) => `${contactName} is yours now — ${workspaceName}`;

export function ConversationAssignedEmail(props: ConversationAssignedEmailProps) {
  const { workspaceName, contactName, how, preview, url } = props;
  return (
    <EmailLayout
      preview={`The conversation with ${contactName} is assigned to you`}
      footer="You receive these because “Email me when a conversation is assigned to me” is on in Settings → Notifications."
    >
      <Heading as="h1" style={emailStyles.heading}>
        The conversation with {contactName} is yours
      </Heading>
      <Text style={emailStyles.paragraph}>
        {how} in {workspaceName}.
      </Text>
      {preview ? <Text style={emailStyles.muted}>“{preview}”</Text> : null}
      <Section style={emailStyles.buttonRow}>
        <Button href={url} style={emailStyles.button}>
          Open the conversation
        </Button>
      </Section>
      <Text style={emailStyles.url}>{url}</Text>
    </EmailLayout>
  );
}
