"use client";

import { ThemeProvider as NextThemesProvider } from "next-themes";
import type { ComponentProps } from "react";

/*
 * next-themes renders an inline <script> that sets the theme class before first paint; it
 * only has to run from the server HTML. When React creates it on the client instead (a
 * client-side remount, e.g. rendering not-found), React 19 reports "Encountered a script tag
 * while rendering React component" (next-themes#385). Marking the client copy as a data
 * block silences that false alarm; the server still sends an executable script, and the
 * attribute difference is covered by the script's own suppressHydrationWarning.
 */
const scriptProps = typeof window === "undefined" ? undefined : { type: "application/json" };

export function ThemeProvider({ children, ...props }: ComponentProps<typeof NextThemesProvider>) {
  return (
    <NextThemesProvider
      attribute="class"
      defaultTheme="system"
      enableSystem
      disableTransitionOnChange
      scriptProps={scriptProps}
      {...props}
    >
      {children}
    </NextThemesProvider>
  );
}
