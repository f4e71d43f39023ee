import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { ThemeProvider } from "@/components/theme-provider";
import { Toaster } from "@/components/ui/toaster";
import "./globals.css";

export const metadata: Metadata = {
  title: { template: "%s · Switchboard", default: "Switchboard" },
  description:
    "Switchboard is a shared inbox for teams: email, chat and WhatsApp conversations in one place, assigned, answered and resolved together.",
  applicationName: "Switchboard",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  // Matches --background in each theme so mobile browser chrome blends with the page.
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // next-themes sets the theme class on <html> before hydration, so React must not flag it.
    <html lang="en" suppressHydrationWarning>
      <body>
        <ThemeProvider>
          {children}
          <Toaster />
        </ThemeProvider>
      </body>
    </html>
  );
}
