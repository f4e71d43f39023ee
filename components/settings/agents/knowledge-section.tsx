import { BookOpen, SearchX } from "lucide-react";
import Form from "next/form";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { buttonVariants } from "@/components/ui/button-variants";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import type { KnowledgeView } from "@/lib/agents/list-agents";
import type { KnowledgeKindFilter } from "@/lib/agents/schemas";
import { cn } from "@/lib/utils";
import { kindLabels, plural } from "./copy";
import { DeleteKnowledgeButton } from "./delete-knowledge-button";
import { ImportKnowledgeDialog } from "./import-knowledge-dialog";
import { KnowledgeEntryDialog } from "./knowledge-entry-dialog";

const filterLabels: Record<KnowledgeKindFilter, string> = {
  all: "All",
  qa: "Q&A",
  article: "Articles",
};
export const KNOWLEDGE_PAGE = 50;
const PREVIEW = 400;

/** The page's address with these search parameters; the defaults are left out. */
function hrefOf(
  path: string,
  { q, kind, show }: { q: string; kind: KnowledgeKindFilter; show?: number },
) {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (kind !== "all") params.set("kind", kind);
  if (show && show > KNOWLEDGE_PAGE) params.set("show", String(show));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** An agent's knowledge: search, a kind filter, the entries, and the ways to add more. */
export function KnowledgeSection({
  workspace,
  agentId,
  path,
  knowledge,
  query,
  kind,
  limit,
}: {
  workspace: string;
  agentId: string;
  /** This page's path, for the search form and filter links. */
  path: string;
  knowledge: { entries: KnowledgeView[]; total: number; matching: number };
  query: string;
  kind: KnowledgeKindFilter;
  limit: number;
}) {
  const { entries, total, matching } = knowledge;
  const filtered = query !== "" || kind !== "all";
  const actions = (
    <>
      <KnowledgeEntryDialog workspace={workspace} agentId={agentId} />
      <ImportKnowledgeDialog workspace={workspace} agentId={agentId} />
    </>
  );
  return (
    <section aria-labelledby="knowledge-heading" className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h2 id="knowledge-heading" className="font-semibold text-lg tracking-tight">
            Knowledge
          </h2>
          <p className="text-muted-foreground text-sm">
            {total === 0
              ? "What the agent knows. It answers only from these entries and its instructions."
              : `${plural(total, "entry", "entries")}. The agent answers only from these and its instructions.`}
          </p>
        </div>
        {total > 0 ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>

      {total === 0 ? (
        <EmptyState
          icon={BookOpen}
          headingAs="h3"
          title="No knowledge yet"
          description="Add the questions customers ask with their answers, or longer articles. Import many at once from a CSV file."
          action={actions}
          className="rounded-lg border border-border border-dashed bg-card"
        />
      ) : (
        <>
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            {/* scroll={false}: the results are where the search box is, not at the top. */}
            <Form
              action={path}
              scroll={false}
              role="search"
              aria-label="Knowledge"
              className="flex min-w-0 flex-1 gap-2 sm:max-w-md"
            >
              <Input
                key={query}
                type="search"
                name="q"
                defaultValue={query}
                aria-label="Search knowledge"
                placeholder="Search knowledge"
                maxLength={200}
              />
              {kind !== "all" ? <input type="hidden" name="kind" value={kind} /> : null}
              <Button type="submit" variant="secondary">
                Search
              </Button>
            </Form>
            <nav aria-label="Kind of entry">
              <ul className="inline-flex rounded-md border border-input p-0.5">
                {(Object.keys(filterLabels) as KnowledgeKindFilter[]).map((value) => (
                  <li key={value}>
                    <Link
                      href={hrefOf(path, { q: query, kind: value })}
                      scroll={false}
                      aria-current={kind === value ? "page" : undefined}
                      className={cn(
                        "inline-flex h-7 items-center rounded-[5px] px-3 font-medium text-muted-foreground text-sm transition-colors hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                        kind === value && "bg-secondary text-secondary-foreground",
                      )}
                    >
                      {filterLabels[value]}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          </div>

          {filtered ? (
            <p aria-live="polite" className="text-muted-foreground text-sm">
              {matching === 0
                ? "No entries match."
                : `${plural(matching, "entry matches", "entries match")}${query ? ` “${query}”` : ""}.`}{" "}
              <Link
                href={path}
                scroll={false}
                className={buttonVariants({ variant: "link", size: "sm" })}
              >
                Show all
              </Link>
            </p>
          ) : null}

          {entries.length === 0 ? (
            <EmptyState
              icon={SearchX}
              headingAs="h3"
              title="Nothing matches"
              description="Try another word, part of a word, or a different kind."
              className="rounded-lg border border-border border-dashed bg-card py-8"
            />
          ) : (
            <ul
              aria-label="Knowledge entries"
              className="divide-y divide-border rounded-lg border border-border bg-card shadow-xs"
            >
              {entries.map((entry) => (
                <li key={entry.id} className="space-y-1.5 p-4 sm:px-5">
                  <div className="flex items-center justify-between gap-2">
                    <Badge variant={entry.kind === "qa" ? "secondary" : "outline"}>
                      {kindLabels[entry.kind]}
                    </Badge>
                    <div className="-my-1 -mr-2 flex shrink-0 gap-1">
                      <KnowledgeEntryDialog workspace={workspace} agentId={agentId} entry={entry} />
                      <DeleteKnowledgeButton workspace={workspace} entry={entry} />
                    </div>
                  </div>
                  <h3 className="break-words font-medium leading-snug">{entry.title}</h3>
                  <p className="line-clamp-3 whitespace-pre-line break-words text-muted-foreground text-sm">
                    {entry.body.length > PREVIEW ? `${entry.body.slice(0, PREVIEW)}…` : entry.body}
                  </p>
                </li>
              ))}
            </ul>
          )}

          {matching > entries.length ? (
            <div className="flex flex-wrap items-center justify-between gap-2 text-muted-foreground text-sm">
              <span>
                Showing {entries.length.toLocaleString("en")} of {matching.toLocaleString("en")}.
              </span>
              <Link
                href={hrefOf(path, { q: query, kind, show: limit + KNOWLEDGE_PAGE })}
                scroll={false}
                className={buttonVariants({ variant: "outline", size: "sm" })}
              >
                Show {Math.min(KNOWLEDGE_PAGE, matching - entries.length)} more
              </Link>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
