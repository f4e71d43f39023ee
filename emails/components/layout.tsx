import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";

/**
 * Email clients ignore stylesheets and most CSS, so every template styles itself inline
 * from these shared values to keep one look across Switchboard's emails.
 */
const colors = {
  page: "#f4f4f5",
  card: "#ffffff",
  border: "#e4e4e7",
  text: "#18181b",
  muted: "#71717a",
  primary: "#18181b",
  primaryText: "#fafafa",
} as const;

const fontFamily =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

export const emailStyles = {
  heading: {
    color: colors.text,
    fontSize: "22px",
    fontWeight: 600,
    lineHeight: "30px",
    margin: "0 0 16px",
  },
  paragraph: { color: colors.text, fontSize: "15px", lineHeight: "24px", margin: "0 0 16px" },
  muted: { color: colors.muted, fontSize: "13px", lineHeight: "20px", margin: "0 0 12px" },
  buttonRow: { margin: "24px 0", textAlign: "center" },
  button: {
    backgroundColor: colors.primary,
    borderRadius: "6px",
    color: colors.primaryText,
    display: "inline-block",
    fontSize: "15px",
    fontWeight: 600,
    padding: "12px 24px",
    textDecoration: "none",
  },
  /** A URL shown as text so it can be copied when the button does not work. */
  url: {
    color: colors.text,
    fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
    fontSize: "12px",
    lineHeight: "18px",
    margin: "0 0 16px",
    wordBreak: "break-all",
  },
  hr: { borderColor: colors.border, margin: "24px 0" },
} satisfies Record<string, CSSProperties>;

export interface EmailLayoutProps {
  /** The line inbox lists show next to the subject. */
  preview: string;
  children: ReactNode;
  /** Replaces the default footer line, e.g. to say why this person got the email. */
  footer?: ReactNode;
}

export function EmailLayout({ preview, children, footer }: EmailLayoutProps) {
  return (
    <Html lang="en" dir="ltr">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: colors.page, fontFamily, margin: 0, padding: "32px 12px" }}>
        <Container
          style={{
            backgroundColor: colors.card,
            border: `1px solid ${colors.border}`,
            borderRadius: "8px",
            maxWidth: "520px",
            padding: "32px",
          }}
        >
          <Section style={{ marginBottom: "24px" }}>
            <Text style={{ color: colors.text, fontSize: "16px", fontWeight: 700, margin: 0 }}>
              {/* The mark is decoration; the plain-text version keeps just the name. */}
              <span
                data-skip-in-text="true"
                style={{
                  backgroundColor: colors.primary,
                  borderRadius: "4px",
                  color: colors.primaryText,
                  display: "inline-block",
                  fontSize: "12px",
                  lineHeight: "20px",
                  marginRight: "8px",
                  textAlign: "center",
                  width: "20px",
                }}
              >
                S
              </span>
              Switchboard
            </Text>
          </Section>
          {children}
          <Hr style={emailStyles.hr} />
          <Text style={{ ...emailStyles.muted, margin: 0 }}>
            {footer ?? "Switchboard, the shared inbox for your team."}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
