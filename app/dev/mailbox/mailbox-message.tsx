import { Badge } from "@/components/ui/badge";
import type { DevMailboxMessage } from "@/lib/email/dev-mailbox";

export function MailboxMessage({ message, now }: { message: DevMailboxMessage; now: Date }) {
  const headingId = `mail-${message.id}`;
  const at = message.sentAt ?? message.createdAt;
  const absolute = `${absoluteTime.format(at)} UTC`;

  return (
    <article
      aria-labelledby={headingId}
      className="rounded-xl border border-border bg-card p-4 shadow-sm sm:p-5"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={headingId} className="min-w-0 break-words font-medium">
          {message.subject}
        </h2>
        <time
          dateTime={at.toISOString()}
          title={absolute}
          className="shrink-0 text-muted-foreground text-xs"
        >
          {relativeTime(at, now)}
          <span className="hidden sm:inline"> · {absolute}</span>
        </time>
      </div>
      <p className="mt-1 flex flex-wrap items-center gap-2 text-muted-foreground text-sm">
        <span>
          To <span className="break-all text-foreground">{message.to}</span>
        </span>
        <Badge variant="outline">{message.template}</Badge>
      </p>

      {message.links.length > 0 ? (
        <ul aria-label={`Links in "${message.subject}"`} className="mt-3 space-y-1.5">
          {message.links.map((href) => (
            <li key={href}>
              <a
                href={href}
                className="break-all font-medium text-link text-sm underline underline-offset-4 hover:no-underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              >
                {href}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-muted-foreground text-sm">No links in this email.</p>
      )}

      <details className="mt-3">
        <summary className="cursor-pointer select-none text-muted-foreground text-sm hover:text-foreground">
          View text
        </summary>
        <pre className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md bg-muted p-3 font-mono text-xs leading-relaxed">
          {message.text}
        </pre>
      </details>
    </article>
  );
}

const absoluteTime = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

function relativeTime(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(seconds, "second");
}
