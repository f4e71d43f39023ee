"use client";

import { Copy, ExternalLink } from "lucide-react";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";

/** The embed snippet with a copy button, and the widget's own page. */
export function WidgetSnippet({ snippet, widgetUrl }: { snippet: string; widgetUrl: string }) {
  async function copy() {
    try {
      await navigator.clipboard.writeText(snippet);
      toast.success("Snippet copied. Paste it before </body> on your site.");
    } catch {
      toast.error("Your browser did not allow copying. Select the snippet and copy it by hand.");
    }
  }

  return (
    <section
      aria-labelledby="web-chat-heading"
      className="space-y-4 rounded-xl border border-border bg-card p-6 shadow-sm"
    >
      <div>
        <h2 id="web-chat-heading" className="font-semibold">
          Web chat
        </h2>
        <p className="text-sm text-muted-foreground">
          Add this snippet to every page of your site, just before <code>&lt;/body&gt;</code>. A
          chat button appears in the corner; messages land in your inbox at once.
        </p>
      </div>
      <div className="space-y-2">
        <h3 className="text-sm font-medium">Snippet</h3>
        <pre className="overflow-x-auto whitespace-pre-wrap [overflow-wrap:anywhere] rounded-md border border-border bg-muted/50 px-3 py-2 font-mono text-xs">
          <code>{snippet}</code>
        </pre>
        <Button variant="outline" size="sm" onClick={copy}>
          <Copy aria-hidden /> Copy snippet
        </Button>
      </div>
      <div className="space-y-1">
        <h3 className="text-sm font-medium">Chat page</h3>
        <p className="text-sm text-muted-foreground">
          The same chat on a page of its own, for a link in an email or a help center:
        </p>
        <p className="break-all font-mono text-xs" data-testid="widget-url">
          {widgetUrl}
        </p>
        <a
          href={widgetUrl}
          target="_blank"
          rel="noopener"
          className="inline-flex items-center gap-1 text-sm font-medium text-link underline-offset-4 hover:underline"
        >
          Open the widget <ExternalLink className="size-3.5" aria-hidden />
        </a>
      </div>
    </section>
  );
}
