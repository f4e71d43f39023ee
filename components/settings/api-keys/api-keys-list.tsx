"use client";

import { X } from "lucide-react";
import { revokeApiKeyAction } from "@/app/(app)/[workspace]/settings/api-keys/actions";
import { useRunAction } from "@/components/forms/use-run-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

export interface ApiKeyListItem {
  id: string;
  name: string;
  prefix: string;
  created: string;
  createdBy: string | null;
  lastUsed: string;
}

export function ApiKeysList({
  workspace,
  apiKeys,
}: {
  workspace: string;
  apiKeys: ApiKeyListItem[];
}) {
  const { run } = useRunAction();
  return (
    <ul
      aria-label="API keys"
      className="divide-y divide-border rounded-xl border border-border bg-card"
    >
      {apiKeys.map((apiKey) => (
        <li key={apiKey.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 p-4">
          <div className="min-w-0 flex-1">
            <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
              <span className="break-all">{apiKey.name}</span>
              <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs text-muted-foreground">
                {apiKey.prefix}…
              </code>
            </p>
            <p className="text-xs text-muted-foreground">
              Created {apiKey.created}
              {apiKey.createdBy ? ` by ${apiKey.createdBy}` : ""} · Last used {apiKey.lastUsed}
            </p>
          </div>
          <ConfirmDialog
            trigger={
              <Button variant="ghost" size="sm" aria-label={`Revoke API key ${apiKey.name}`}>
                <X className="size-4" aria-hidden />
                Revoke
              </Button>
            }
            title={`Revoke the API key “${apiKey.name}”?`}
            description="Integrations using it are refused from their next request. This cannot be undone."
            confirmLabel="Revoke key"
            destructive
            onConfirm={async () => {
              await run(() => revokeApiKeyAction({ workspace, apiKeyId: apiKey.id }), {
                success: `API key “${apiKey.name}” revoked.`,
              });
            }}
          />
        </li>
      ))}
    </ul>
  );
}
