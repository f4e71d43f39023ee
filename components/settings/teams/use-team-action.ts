"use client";

import { useTransition } from "react";
import { toast } from "@/components/ui/toaster";
import type { Result } from "@/lib/errors";

const unreachable = {
  ok: false,
  error: {
    code: "internal",
    message: "We could not reach the server. Check your connection and try again.",
  },
} as const;

/**
 * Runs a team action from a button or menu: a success toast, or the error's message in an
 * error toast. Resolves with the result once the page has the server's update.
 */
export function useTeamAction() {
  const [pending, startTransition] = useTransition();

  function run<T>(
    call: () => Promise<Result<T>>,
    { success }: { success: (data: T) => string },
  ): Promise<Result<T>> {
    return new Promise((resolve) => {
      startTransition(async () => {
        const result: Result<T> = await call().catch(() => unreachable);
        if (result.ok) toast.success(success(result.data));
        else toast.error(result.error.message);
        resolve(result);
      });
    });
  }

  return { run, pending };
}
