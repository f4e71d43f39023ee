/** A short "how to use" with a request that works as pasted (after swapping in the key). */
export function ApiUsageBox({ baseUrl }: { baseUrl: string }) {
  const example = [
    `curl -X POST ${baseUrl}/api/v1/conversations \\`,
    `  -H "Authorization: Bearer sb_live_…" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"handle": "customer-42", "contact": {"name": "Ada"}, "body": "Hello, my order is late."}'`,
  ].join("\n");
  return (
    <section
      aria-labelledby="api-usage-heading"
      className="space-y-3 rounded-xl border border-border bg-card p-5 shadow-sm"
    >
      <div className="space-y-1">
        <h2 id="api-usage-heading" className="font-semibold">
          How to use
        </h2>
        <p className="text-sm text-muted-foreground">
          Send each customer message with the contact’s handle on your channel: the same handle
          continues the same conversation, and it appears in the inbox like any other. Read
          conversations with <code className="font-mono text-xs">GET /api/v1/conversations</code>.
        </p>
      </div>
      <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs leading-relaxed">
        <code>{example}</code>
      </pre>
      <p className="text-sm text-muted-foreground">
        Every endpoint, field and error is described in the{" "}
        <a
          href="/api/v1/openapi.json"
          className="text-link underline-offset-4 hover:underline"
          target="_blank"
          rel="noreferrer"
        >
          OpenAPI document
        </a>
        .
      </p>
    </section>
  );
}
