import { KeyRound } from "lucide-react";
import type { Metadata } from "next";
import { ApiKeysList } from "@/components/settings/api-keys/api-keys-list";
import { ApiUsageBox } from "@/components/settings/api-keys/api-usage-box";
import { CreateApiKeyDialog } from "@/components/settings/api-keys/create-api-key-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { appUrl } from "@/lib/app-url";
import { requireWorkspace } from "@/lib/auth/page";
import { formatDate, formatRelative } from "@/lib/format";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, workspace } = await requireWorkspace(slug, "workspace.manage");
  const [apiKeys, baseUrl] = await Promise.all([listApiKeys(db, workspace.id), appUrl()]);
  const now = new Date();
  return (
    <div className="space-y-8">
      <section aria-labelledby="api-keys-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="api-keys-heading" className="font-semibold">
              API keys
            </h2>
            <p className="text-sm text-muted-foreground">
              Keys let custom channels and bridges send customer messages into {workspace.name} and
              read its conversations. Treat them like passwords.
            </p>
          </div>
          <CreateApiKeyDialog workspace={workspace.slug} />
        </div>
        {apiKeys.length === 0 ? (
          <div className="rounded-xl border border-dashed border-border">
            <EmptyState
              icon={KeyRound}
              headingAs="h3"
              title="No API keys yet"
              description="Create a key to connect a custom channel, a bridge or a script."
            />
          </div>
        ) : (
          <ApiKeysList
            workspace={workspace.slug}
            apiKeys={apiKeys.map((apiKey) => ({
              id: apiKey.id,
              name: apiKey.name,
              prefix: apiKey.prefix,
              created: formatDate(apiKey.createdAt, workspace.timeZone),
              createdBy: apiKey.createdBy,
              lastUsed: apiKey.lastUsedAt ? formatRelative(apiKey.lastUsedAt, now) : "never",
            }))}
          />
        )}
      </section>
      <ApiUsageBox baseUrl={baseUrl} />
    </div>
  );
}
