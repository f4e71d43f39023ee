/** What the widget sees of a message: the customer's own words and the team's replies only. */
export interface WidgetMessage {
  id: string;
  /** `customer` for what the visitor wrote, `team` for a reply. */
  from: "customer" | "team";
  body: string;
  /** ISO 8601; the newest one is the next `?after=` cursor. */
  createdAt: string;
  /** Who replied, by name; null for the customer's own messages. */
  authorName: string | null;
}

export interface WidgetSession {
  token: string;
  workspaceName: string;
  greeting: string;
  messages: WidgetMessage[];
}

export interface WidgetMessagesPage {
  messages: WidgetMessage[];
  /** Pass back as `?after=` to fetch only what is newer; null before the first message. */
  after: string | null;
}

/** The widget's public settings, as the Settings → Channels page edits them. */
export interface WidgetSettingsView {
  teamId: string | null;
  greeting: string;
}
