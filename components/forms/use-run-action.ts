"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "@/components/ui/toaster";
import type { Result } from "@/lib/errors";

/**
 * Runs an action from a button, menu or select: a success toast, or the error's message in an
 * error toast, then refreshes the page's data. Resolves with the result.
 */
export function useRunAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function run<T>(
    action: () => Promise<Result<T>>,
    {
      success,
      onDone,
    }: { success?: string | ((data: T) => string); onDone?: (ok: boolean) => void } = {},
  ): Promise<Result<T>> {
    return new Promise((resolve) => {
      startTransition(async () => {
        const result = await action().catch(
          (): Result<T> => ({
            ok: false,
            error: { code: "internal", message: "We could not reach the server. Try again." },
          }),
        );
        if (result.ok) {
          if (success) toast.success(typeof success === "string" ? success : success(result.data));
          router.refresh();
        } else {
          toast.error(result.error.message);
        }
        onDone?.(result.ok);
        resolve(result);
      });
    });
  }

  return { run, pending };
}
